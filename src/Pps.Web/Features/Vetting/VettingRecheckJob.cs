using Microsoft.EntityFrameworkCore;
using Pps.Web.Features.Members;
using Pps.Web.Infrastructure.Data;
using Pps.Web.Infrastructure.Email;
using Pps.Web.Infrastructure.Jobs;
using Pps.Web.Infrastructure.Kvk;

namespace Pps.Web.Features.Vetting;

/// <summary>
/// Re-checks the branch of every vetted member in the KvK register (only when the adapter consults the register):
/// a branch end date, a branch that is gone or an address that no longer is the unit's revokes vetted status.
/// An unreachable register changes nothing; the next pass tries again.
/// </summary>
internal sealed class VettingRecheckJob(PpsDb db, ITenantContext tenant, IKvkAdapter kvk, VettingEngine engine, IEmailQueue email, TimeProvider clock, ILogger<VettingRecheckJob> log)
    : IJob
{
    public static string Name => "vetting-kvk-recheck";

    public static TimeSpan Interval => TimeSpan.FromHours(6);

    public async Task RunAsync(CancellationToken ct)
    {
        if (!kvk.IsAutomatic)
        {
            return;
        }

        tenant.UseCrossTenant();
        var now = clock.GetUtcNow();
        var checkBefore = now - TimeSpan.FromHours(20);
        var due = await (from r in db.VettingRecords
                         join m in db.Members on r.MemberId equals m.Id
                         where m.VettingLevel == VettingLevel.Vetted && r.KvkNumber != null && r.BranchNumber != null
                               && (r.LastCheckedAt == null || r.LastCheckedAt <= checkBefore)
                         select r.MemberId).Take(500).ToListAsync(ct);
        foreach (var memberId in due)
        {
            var subject = await VettingSubject.LoadAsync(db, memberId, ct);
            var record = await db.VettingRecords.SingleAsync(r => r.MemberId == memberId, ct);
            if (subject is null)
            {
                continue;
            }

            KvkBranch branch;
            try
            {
                branch = await kvk.LookUpAsync(record.KvkNumber!, record.BranchNumber!, null, ct);
            }
            catch (KvkUnavailableException ex)
            {
                log.LogWarning("KvK re-check postponed: {Reason}", ex.Message);
                return;
            }

            record.LastCheckedAt = now;
            var failure = !branch.Found ? "the branch is no longer in the KvK register"
                : branch.EndDate is { } end ? $"the branch was deregistered on {end:yyyy-MM-dd}"
                : subject.Unit is null ? "the business no longer occupies a unit"
                : branch.Address is { } a && !a.SamePremisesAs(subject.Unit.PostalCode, subject.Unit.HouseNumber) ? "the registered branch address is no longer the unit's"
                : null;
            if (failure is not null)
            {
                await engine.LoseStatusAsync(subject.Member, VettingStepKind.Revoked, VettingLevel.Registered, VettingActor.System,
                    $"KvK re-check ({branch.Source}): {failure}.", null, ct);
                if (subject.Member.Email is { } to)
                {
                    await email.QueueAsync(VettingMail.Lost(to, subject.Member.TenantId, "de controle in het KvK-register is mislukt (" + failure + ").", "the KvK register check failed (" + failure + ")."), ct);
                }
            }

            await db.SaveChangesAsync(ct);
        }
    }
}
