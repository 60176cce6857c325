using Mediator;
using Microsoft.EntityFrameworkCore;
using Pps.Web.Features.Members;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Data;
using Pps.Web.Infrastructure.Web;

namespace Pps.Web.Features.Vetting;

/// <summary>The caller's own vetting: level, every step with who/when/evidence, vouches, and what is still missing.</summary>
public sealed record GetMyVetting : IQuery<Result<VettingProgress>>;

public sealed record VettingProgress(
    Guid MemberId,
    VettingLevel Level,
    DateTimeOffset? VettedSince,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset? SuspendedAt,
    string? SuspendedReason,
    IReadOnlyList<VettingStepDto> Steps,
    IReadOnlyList<VouchDto> Vouches,
    IReadOnlyList<string> Missing);

public sealed record VettingStepDto(VettingStepKind Kind, VettingLevel From, VettingLevel To, string Actor, DateTimeOffset At, string Evidence);

public sealed record VouchDto(string Voucher, bool ByBoard, DateTimeOffset At, bool Valid, string? InvalidatedReason);

internal sealed class GetMyVettingHandler(PpsDb db, ICurrentMember me) : IQueryHandler<GetMyVetting, Result<VettingProgress>>
{
    public async ValueTask<Result<VettingProgress>> Handle(GetMyVetting query, CancellationToken ct)
        => await VettingProgressReader.ReadAsync(db, me.Id, ct) is { } p ? Result<VettingProgress>.Ok(p) : Result<VettingProgress>.NotFound();
}

internal static class VettingProgressReader
{
    /// <summary>Missing steps are keys (<c>kvk-check</c>, <c>vouches</c>, <c>ez-confirmation</c>, <c>suspended</c>) the page translates.</summary>
    public static async Task<VettingProgress?> ReadAsync(PpsDb db, Guid memberId, CancellationToken ct)
    {
        var member = await db.Members.AsNoTracking().SingleOrDefaultAsync(m => m.Id == memberId && m.TenantId != null, ct);
        if (member is null)
        {
            return null;
        }

        var record = await db.VettingRecords.AsNoTracking().SingleOrDefaultAsync(r => r.MemberId == memberId, ct);
        var steps = (await db.VettingSteps.AsNoTracking().Where(s => s.MemberId == memberId).ToListAsync(ct))
            .OrderBy(s => s.At).ThenBy(s => s.Id)
            .Select(s => new VettingStepDto(s.Kind, s.From, s.To, s.ActorName, s.At, s.Evidence)).ToList();
        var vouches = await (from v in db.Vouches.AsNoTracking()
                             join m in db.Members.AsNoTracking() on v.VoucherId equals m.Id
                             where v.MemberId == memberId
                             select new { v, m.DisplayName }).ToListAsync(ct);
        var missing = new List<string>();
        if (record?.SuspendedAt is not null)
        {
            missing.Add("suspended");
        }

        if (member.VettingLevel < VettingLevel.Verified)
        {
            missing.Add("kvk-check");
        }

        if (member.VettingLevel < VettingLevel.Vouched)
        {
            missing.Add("vouches");
        }

        if (member.VettingLevel < VettingLevel.Vetted)
        {
            missing.Add("ez-confirmation");
        }

        return new VettingProgress(
            member.Id,
            member.VettingLevel,
            member.VettedSince,
            record?.ExpiresAt,
            record?.SuspendedAt,
            record?.SuspendedReason,
            steps,
            vouches.OrderBy(x => x.v.At).Select(x => new VouchDto(x.DisplayName, x.v.ByBoard, x.v.At, x.v.InvalidatedAt is null, x.v.InvalidatedReason)).ToList(),
            missing);
    }
}
