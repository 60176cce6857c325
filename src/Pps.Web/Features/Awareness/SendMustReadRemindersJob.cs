using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Pps.Web.Infrastructure.Data;
using Pps.Web.Infrastructure.Email;
using Pps.Web.Infrastructure.Jobs;

namespace Pps.Web.Features.Awareness;

/// <summary>Configuration section <c>Awareness</c>.</summary>
public sealed class AwarenessOptions
{
    public const string Section = "Awareness";

    /// <summary>Days after a must-read version appeared before an unconfirmed reader gets one reminder.</summary>
    public int RemindAfterDays { get; set; } = 7;
}

/// <summary>
/// Reminds members by e-mail of a must-read they have not confirmed, once per document version: the e-mail
/// purpose names the version, and the queue sends a purpose only once per address.
/// </summary>
internal sealed class SendMustReadRemindersJob(PpsDb db, ITenantContext tenant, IEmailQueue email, IOptions<AwarenessOptions> options, TimeProvider clock, IConfiguration config)
    : IJob
{
    public static string Name => "library-must-read-reminders";

    public static TimeSpan Interval => TimeSpan.FromHours(1);

    public async Task RunAsync(CancellationToken ct)
    {
        tenant.UseCrossTenant();
        var due = clock.GetUtcNow() - TimeSpan.FromDays(Math.Max(0, options.Value.RemindAfterDays));
        var documents = await db.LibraryDocuments.Where(d => d.MustReadRoles != "" || d.MustReadEstates != "")
            .Select(d => new { d.Id, d.TenantId, d.Title, d.CurrentVersion }).ToListAsync(ct);
        var baseUrl = (config["Pps:PublicBaseUrl"] ?? "").TrimEnd('/');
        foreach (var byTenant in documents.GroupBy(d => d.TenantId))
        {
            var memberIds = await db.Members.Where(m => m.TenantId == byTenant.Key && m.ErasedAt == null && m.Email != null).Select(m => m.Id).ToListAsync(ct);
            var roles = await LibraryAccess.RolesOfAsync(db, memberIds, ct);
            var mustReads = await MustReads.ForAsync(db, roles.Values.ToArray(), ct);
            var emails = await db.Members.Where(m => memberIds.Contains(m.Id)).Select(m => new { m.Id, m.Email, m.Culture }).ToDictionaryAsync(m => m.Id, ct);
            foreach (var (memberId, items) in mustReads)
            {
                foreach (var item in items.Where(i => !i.Done && i.CurrentSince <= due && byTenant.Any(d => d.Id == i.DocumentId)))
                {
                    var to = emails[memberId];
                    var english = to.Culture == "en";
                    await email.QueueAsync(
                        new EmailMessage(
                            to.Email!,
                            english ? $"Please read: {item.Title}" : $"Graag lezen: {item.Title}",
                            english
                                ? $"The document \"{item.Title}\" (version {item.CurrentVersion}) is a must-read for you and you have not confirmed it yet.\n\nRead it and confirm: {baseUrl}/Library/Document/{item.DocumentId}\n"
                                : $"Het document \"{item.Title}\" (versie {item.CurrentVersion}) is verplichte kost voor u en u heeft het nog niet bevestigd.\n\nLees en bevestig: {baseUrl}/Library/Document/{item.DocumentId}\n",
                            Purpose: $"library-reminder:{item.DocumentId}:{item.CurrentVersion}",
                            TenantId: byTenant.Key),
                        ct);
                }
            }
        }

        await db.SaveChangesAsync(ct);
    }
}
