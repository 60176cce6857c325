using Microsoft.EntityFrameworkCore;
using Pps.Web.Infrastructure.Data;

namespace Pps.Web.Features.Noticeboards;

/// <summary>Boards for every demo tenant and a few realistic posts on Zoetermeer's boards.</summary>
internal sealed class NoticeboardsDemoData(PpsDb db, BoardDirectory directory, TimeProvider clock)
{
    public async Task SeedAsync(CancellationToken ct)
    {
        foreach (var tenantId in await db.Tenants.IgnoreQueryFilters().Select(t => t.Id).ToListAsync(ct))
        {
            await directory.EnsureAsync(tenantId, ct);
        }

        var tenant = await db.Tenants.IgnoreQueryFilters().SingleOrDefaultAsync(t => t.Slug == "zoetermeer", ct);
        if (tenant is null || await db.Posts.IgnoreQueryFilters().AnyAsync(p => p.TenantId == tenant.Id, ct))
        {
            return;
        }

        var members = await db.Members.IgnoreQueryFilters().Where(m => m.TenantId == tenant.Id).ToDictionaryAsync(m => m.Email!, m => m.Id, ct);
        var boards = await db.Boards.IgnoreQueryFilters().Where(b => b.TenantId == tenant.Id).ToListAsync(ct);
        var lansinghage = await db.Estates.IgnoreQueryFilters().SingleAsync(e => e.TenantId == tenant.Id && e.Slug == "lansinghage", ct);
        var estateBoard = boards.Single(b => b.Kind == BoardKind.Estate && b.EstateId == lansinghage.Id);
        var associationBoard = boards.Single(b => b.Kind == BoardKind.Association && b.EstateId == lansinghage.Id);
        var tenantBoard = boards.Single(b => b.Kind == BoardKind.Tenant);
        var oovBoard = boards.Single(b => b.Kind == BoardKind.Department && b.DepartmentRole == "oov");
        var unit = await db.Units.IgnoreQueryFilters().Where(u => u.EstateId == lansinghage.Id).OrderBy(u => u.BagId).Skip(5).FirstAsync(ct);
        var now = clock.GetUtcNow();

        Post Add(Board board, string author, string title, string body, TimeSpan ago, SafetyTag? tag = null, SafetyReport? safety = null, bool pinned = false)
        {
            var post = new Post
            {
                TenantId = tenant.Id, BoardId = board.Id, AuthorId = members[author], Title = title, Body = body, Tag = tag, Safety = safety,
                CreatedAt = now - ago, PinnedAt = pinned ? now - ago : null,
            };
            db.Posts.Add(post);
            return post;
        }

        Add(estateBoard, "bestuur.lansinghage@zoetermeer.demo", "Welkom op het prikbord van Lansinghage",
            "Dit prikbord is voor **gescreende ondernemers** op Lansinghage, het bestuur van de ondernemersvereniging en de gemeente.\n\n"
            + "- Meld verdachte situaties hier én bij de politie (0900-8844, bij spoed 112).\n- Beschrijf gedrag en kleding, nooit afkomst.\n- Houd het zakelijk.",
            TimeSpan.FromDays(6), pinned: true);
        var burglary = Add(estateBoard, "ondernemer.lansinghage@zoetermeer.demo", "Inbraakpoging bij de achteringang",
            "Vannacht is geprobeerd de achterdeur te forceren. Er zijn krassen op het slot, binnen is niets weggenomen. De camerabeelden zijn aan de politie gegeven.",
            TimeSpan.FromDays(2), SafetyTag.Burglary,
            new SafetyReport
            {
                UnitId = unit.Id, OccurredAt = now - TimeSpan.FromDays(2) - TimeSpan.FromHours(5), ActionTaken = "Aangifte gedaan, slot vervangen.",
                PoliceCalled = true, PoliceReportNumber = "2026-118734",
                PersonDescription = "Twee personen in donkere kleding met capuchon, één met een rugzak; vertrokken op een scooter zonder kenteken.",
            });
        db.PostReplies.Add(new PostReply
        {
            TenantId = tenant.Id, PostId = burglary.Id, AuthorId = members["bestuur.lansinghage@zoetermeer.demo"],
            Body = "Dank voor het melden. We vragen de beveiliger om de komende weken extra rondes te rijden.", CreatedAt = now - TimeSpan.FromDays(1),
        });
        Add(estateBoard, "oov@zoetermeer.demo", "Afval gedumpt langs de Edisonstraat",
            "Er zijn vaten en bouwafval gedumpt op de groenstrook. Handhaving is ingeschakeld; zag u iets, meld het hier of via de gemeente.",
            TimeSpan.FromHours(20), SafetyTag.Dumping,
            new SafetyReport { Spot = "Groenstrook bij de Edisonstraat, tegenover de bushalte", OccurredAt = now - TimeSpan.FromDays(1), ActionTaken = "Handhaving (VTH) ingeschakeld.", PoliceCalled = false });
        Add(associationBoard, "bestuur.lansinghage@zoetermeer.demo", "Agenda bestuursoverleg",
            "Punten voor het overleg van donderdag:\n\n1. Collectieve beveiliging 2027\n2. Cameraplan met de gemeente\n3. Nieuwe leden", TimeSpan.FromDays(3));
        Add(tenantBoard, "ez@zoetermeer.demo", "Informatieavond Keurmerk Veilig Ondernemen",
            "Op 10 december organiseert de gemeente een informatieavond over het Keurmerk Veilig Ondernemen (KVO-B). Aanmelden kan via uw accountmanager.",
            TimeSpan.FromDays(4));
        Add(oovBoard, "oov@zoetermeer.demo", "Intern: overzicht signalen november",
            "Het overzicht van de signalen van november staat klaar voor het driehoeksoverleg.", TimeSpan.FromDays(1));
        await db.SaveChangesAsync(ct);
    }
}
