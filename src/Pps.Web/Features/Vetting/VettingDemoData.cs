using Microsoft.EntityFrameworkCore;
using Pps.Web.Features.Members;
using Pps.Web.Features.Tenancy;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Data;

namespace Pps.Web.Features.Vetting;

/// <summary>
/// Gives the demo entrepreneurs who start out vetted the history anyone else would have: verified by the EZ account
/// manager, vouched, confirmed — with who, when and evidence — and an expiry counted from the confirmation, so
/// the expiry reminder and the expiry itself treat them like everyone else. The records carry no KvK and branch
/// number: the demo businesses are not in any KvK register, and a re-check in API mode would revoke them at once.
/// </summary>
public static class VettingDemoData
{
    public static async Task SeedAsync(PpsDb db, DateTimeOffset now, TimeSpan validFor, CancellationToken ct)
    {
        var ez = await db.Members.FirstOrDefaultAsync(m => m.Email == "ez@zoetermeer.demo", ct);
        var vetted = await (from m in db.Members
                            where m.VettingLevel == VettingLevel.Vetted && m.TenantId != null && m.ErasedAt == null
                                  && db.RoleAssignments.Any(r => r.MemberId == m.Id && r.EstateId != null && (r.Role == Roles.Entrepreneur || r.Role == Roles.Board))
                                  && !db.VettingRecords.Any(v => v.MemberId == m.Id)
                            orderby m.Email
                            select m).ToListAsync(ct);
        if (vetted.Count == 0)
        {
            return;
        }

        var orgIds = vetted.Where(m => m.OrganisationId != null).Select(m => m.OrganisationId!.Value).ToList();
        var businesses = await db.Organisations.Where(o => orgIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, ct);
        var boards = await db.RoleAssignments.Where(r => r.Role == Roles.Board && r.EstateId != null).Select(r => new { r.MemberId, r.EstateId }).ToListAsync(ct);
        var estatesOf = await db.RoleAssignments.Where(r => r.EstateId != null && (r.Role == Roles.Entrepreneur || r.Role == Roles.Board))
            .Select(r => new { r.MemberId, r.EstateId }).ToListAsync(ct);
        var names = await db.Members.Where(m => m.TenantId != null).ToDictionaryAsync(m => m.Id, m => m.DisplayName, ct);
        var ezName = ez?.DisplayName ?? "EZ";
        var verifiedAt = now - TimeSpan.FromDays(45);
        var vouchedAt = now - TimeSpan.FromDays(38);
        var confirmedAt = now - TimeSpan.FromDays(30);
        foreach (var member in vetted)
        {
            var business = member.OrganisationId is { } oid ? businesses.GetValueOrDefault(oid) : null;
            var estates = estatesOf.Where(r => r.MemberId == member.Id).Select(r => r.EstateId).ToHashSet();
            var board = boards.FirstOrDefault(b => b.MemberId != member.Id && estates.Contains(b.EstateId));
            var vouchEvidence = board is not null
                ? $"Vouched for by {names.GetValueOrDefault(board.MemberId, "the board")}, board member of the association (demo data)."
                : "Vouched for by two vetted members of the estate at the association's meeting (demo data).";
            var steps = new (VettingStepKind Kind, VettingLevel From, VettingLevel To, Guid? Actor, string ActorName, DateTimeOffset At, string Evidence)[]
            {
                (VettingStepKind.Verified, VettingLevel.Registered, VettingLevel.Verified, ez?.Id, ezName, verifiedAt,
                    $"KvK {business?.KvkNumber}, branch {business?.BranchNumber}: name and visiting address checked against the unit by EZ (demo data)."),
                (VettingStepKind.Vouched, VettingLevel.Verified, VettingLevel.Vouched, board?.MemberId, board is not null ? names.GetValueOrDefault(board.MemberId, "board") : "association", vouchedAt, vouchEvidence),
                (VettingStepKind.Vetted, VettingLevel.Vouched, VettingLevel.Vetted, ez?.Id, ezName, confirmedAt, "Confirmed by the EZ account manager after a visit (demo data)."),
            };
            foreach (var s in steps)
            {
                db.VettingSteps.Add(new VettingStep
                {
                    TenantId = member.TenantId!.Value, MemberId = member.Id, Kind = s.Kind, From = s.From, To = s.To,
                    ActorId = s.Actor, ActorName = s.ActorName, At = s.At, Evidence = s.Evidence,
                });
            }

            db.VettingRecords.Add(new VettingRecord { MemberId = member.Id, TenantId = member.TenantId!.Value, VerifiedAt = verifiedAt, ExpiresAt = confirmedAt + validFor });
            member.VettedSince = confirmedAt;
        }

        await db.SaveChangesAsync(ct);
    }
}
