using Mediator;
using Microsoft.EntityFrameworkCore;
using Pps.Web.Features.Members;
using Pps.Web.Infrastructure.Audit;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Data;
using Pps.Web.Infrastructure.Web;

namespace Pps.Web.Features.Vetting;

/// <summary>
/// The caller vouches for a verified member of an estate they belong to. Two vouches by vetted members, or one by a
/// vetted board member of that estate's association, make the member vouched.
/// </summary>
public sealed record VouchForMember(Guid MemberId) : ICommand<Result<VouchOutcome>>;

public sealed record VouchOutcome(Guid MemberId, VettingLevel Level, bool Sufficient);

internal sealed class VouchForMemberHandler(PpsDb db, ICurrentMember me, VettingEngine engine, IAuditLog audit, TimeProvider clock)
    : ICommandHandler<VouchForMember, Result<VouchOutcome>>
{
    public async ValueTask<Result<VouchOutcome>> Handle(VouchForMember cmd, CancellationToken ct)
    {
        if (cmd.MemberId == me.Id)
        {
            return Result<VouchOutcome>.Invalid("memberId", "You cannot vouch for yourself.");
        }

        var subject = await VettingSubject.LoadAsync(db, cmd.MemberId, ct);
        var voucher = await db.Members.SingleOrDefaultAsync(m => m.Id == me.Id, ct);
        if (subject is null || voucher is null || voucher.TenantId != subject.Member.TenantId)
        {
            return Result<VouchOutcome>.NotFound();
        }

        // Members of other estates are not visible to a member, so the refusal is the same as for a stranger.
        var shared = subject.Estates.Where(me.Estates.Contains).ToList();
        if (shared.Count == 0)
        {
            return Result<VouchOutcome>.NotFound();
        }

        var voucherRecord = await db.VettingRecords.AsNoTracking().SingleOrDefaultAsync(r => r.MemberId == voucher.Id, ct);
        if (voucher.VettingLevel != VettingLevel.Vetted || voucherRecord?.SuspendedAt is not null)
        {
            return Result<VouchOutcome>.Forbidden("Only a vetted member can vouch.");
        }

        if (subject.Member.VettingLevel != VettingLevel.Verified)
        {
            return Result<VouchOutcome>.Conflict($"The member is {subject.Member.VettingLevel}; vouches are given for verified members.");
        }

        if (await db.Vouches.AnyAsync(v => v.MemberId == subject.Member.Id && v.VoucherId == voucher.Id && v.InvalidatedAt == null, ct))
        {
            return Result<VouchOutcome>.Conflict("You already vouched for this member.");
        }

        var board = shared.FirstOrDefault(e => me.HasEstateRole(Roles.Board, e));
        var estate = board != Guid.Empty ? board : shared[0];
        db.Vouches.Add(new Vouch
        {
            TenantId = subject.Member.TenantId!.Value,
            MemberId = subject.Member.Id,
            VoucherId = voucher.Id,
            EstateId = estate,
            ByBoard = board != Guid.Empty,
            At = clock.GetUtcNow(),
        });
        audit.Add("vetting.vouch-given", $"member:{subject.Member.Id}", detail: board != Guid.Empty ? "board" : "member");
        await db.SaveChangesAsync(ct);

        var sufficient = await engine.VouchesSufficeAsync(subject.Member.Id, ct);
        if (sufficient)
        {
            var vouchers = await (from v in db.Vouches
                                  join m in db.Members on v.VoucherId equals m.Id
                                  where v.MemberId == subject.Member.Id && v.InvalidatedAt == null
                                  select new { m.DisplayName, v.ByBoard }).ToListAsync(ct);
            var evidence = "Vouched for by " + string.Join(", ", vouchers.Select(v => v.ByBoard ? $"{v.DisplayName} (board)" : v.DisplayName));
            engine.Step(subject.Member, VettingStepKind.Vouched, VettingLevel.Vouched, VettingActor.From(me), evidence, audit);
            await db.SaveChangesAsync(ct);
        }

        return Result<VouchOutcome>.Ok(new VouchOutcome(subject.Member.Id, subject.Member.VettingLevel, sufficient));
    }
}
