using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Pps.Web.Infrastructure.Data;
using SessionOptions = Pps.Web.Infrastructure.Sessions.SessionOptions;

namespace Pps.Web.Features.Sessions;

/// <summary>
/// Deletes session records <see cref="SessionOptions.KeepEndedFor"/> after they ended or expired: the list of one's
/// sessions needs only the active ones, and the audit log keeps who ended what.
/// </summary>
internal sealed class PurgeSessionsJob(PpsDb db, TimeProvider clock, IOptions<SessionOptions> options) : Infrastructure.Jobs.IJob
{
    public static string Name => "sessions-purge";

    public static TimeSpan Interval => TimeSpan.FromHours(1);

    public async Task RunAsync(CancellationToken ct)
    {
        var before = clock.GetUtcNow() - options.Value.KeepEndedFor;
        await db.MemberSessions.Where(s => s.ExpiresAt < before || s.EndedAt < before).ExecuteDeleteAsync(ct);
    }
}
