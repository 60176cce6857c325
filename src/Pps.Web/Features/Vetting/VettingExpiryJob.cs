using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Pps.Web.Features.Members;
using Pps.Web.Infrastructure.Data;
using Pps.Web.Infrastructure.Email;
using Pps.Web.Infrastructure.Jobs;

namespace Pps.Web.Features.Vetting;

/// <summary>Reminds vetted members a month before their status expires (once), and ends it when it has expired.</summary>
internal sealed class VettingExpiryJob(PpsDb db, ITenantContext tenant, VettingEngine engine, IEmailQueue email, IOptions<VettingOptions> options, TimeProvider clock)
    : IJob
{
    public static string Name => "vetting-expiry";

    public static TimeSpan Interval => TimeSpan.FromHours(1);

    public async Task RunAsync(CancellationToken ct)
    {
        tenant.UseCrossTenant();
        var now = clock.GetUtcNow();
        var remindFrom = now + options.Value.RemindBefore;

        var due = await (from r in db.VettingRecords
                         join m in db.Members on r.MemberId equals m.Id
                         where r.ExpiresAt != null && r.ExpiresAt <= remindFrom && m.VettingLevel == VettingLevel.Vetted
                         select new { r, m }).ToListAsync(ct);
        foreach (var (record, member) in due.Select(x => (x.r, x.m)))
        {
            if (record.ExpiresAt <= now)
            {
                await engine.LoseStatusAsync(member, VettingStepKind.Expired, VettingLevel.Registered, VettingActor.System,
                    $"Vetted status expired on {record.ExpiresAt:yyyy-MM-dd}; re-verification needed.", null, ct);
                if (member.Email is { } to)
                {
                    await email.QueueAsync(VettingMail.Lost(to, member.TenantId, "de geldigheid is verlopen; laat u opnieuw verifiëren.", "it expired; please be re-verified."), ct);
                }
            }
            else if (record.ReminderQueuedAt is null && member.Email is { } to)
            {
                // The purpose names this expiry date, so a renewed vetting gets its own reminder later.
                await email.QueueAsync(VettingMail.Reminder(to, member.TenantId, record.ExpiresAt!.Value, $"vetting-expiry:{member.Id}:{record.ExpiresAt.Value.UtcTicks}"), ct);
                record.ReminderQueuedAt = now;
            }

            await db.SaveChangesAsync(ct);
        }
    }
}
