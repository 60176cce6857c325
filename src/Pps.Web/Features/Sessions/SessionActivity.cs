using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Pps.Web.Infrastructure.Data;

namespace Pps.Web.Features.Sessions;

/// <summary>
/// Writes sessions' "last active" (<see cref="MemberSession.LastSeenAt"/>) in batches, off the request: the per-request
/// check only notes the time here. A restarted hub is reconnected by thousands of members within seconds, each with a
/// session not seen for more than <see cref="Infrastructure.Sessions.SessionOptions.LastSeenInterval"/>; one write
/// transaction each would queue for SQLite's one write lock exactly then, as receipts once did
/// (<c>AlertDeliveryBatcher</c>, docs/benchmarks/live-profile.md). Each instance writes what its own requests saw.
/// </summary>
internal sealed class SessionActivity(IServiceScopeFactory scopes, TimeProvider clock, ILogger<SessionActivity> log) : BackgroundService
{
    /// <summary>How often the noted times are written: "last active" lags by at most this (plus the check's interval).</summary>
    public static readonly TimeSpan FlushInterval = TimeSpan.FromSeconds(30);

    private const int Batch = 500;

    private readonly ConcurrentDictionary<Guid, DateTimeOffset> _pending = new();

    /// <summary>Notes that the session was used at <paramref name="at"/>; written with the next batch.</summary>
    public void Seen(Guid sessionId, DateTimeOffset at) => _pending.AddOrUpdate(sessionId, at, (_, earlier) => at > earlier ? at : earlier);

    /// <summary>Writes every noted time now (the timer does this every <see cref="FlushInterval"/>; tests call it).</summary>
    public async Task FlushAsync(CancellationToken ct)
    {
        var taken = new List<KeyValuePair<Guid, DateTimeOffset>>();
        foreach (var id in _pending.Keys)
        {
            if (_pending.TryRemove(id, out var at))
            {
                taken.Add(new(id, at));
            }
        }

        foreach (var chunk in taken.Chunk(Batch))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<PpsDb>();
                var ids = chunk.Select(p => p.Key).ToArray();
                var sessions = await db.MemberSessions.Where(s => ids.Contains(s.Id)).ToListAsync(ct);
                var times = chunk.ToDictionary(p => p.Key, p => p.Value);
                foreach (var session in sessions.Where(s => times[s.Id] > s.LastSeenAt))
                {
                    session.LastSeenAt = times[session.Id];
                }

                await db.SaveChangesAsync(ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Put them back (keeping any newer time noted meanwhile): the next pass tries again.
                log.LogWarning(ex, "Could not write the last activity of {Count} sessions", chunk.Length);
                foreach (var (id, at) in chunk)
                {
                    Seen(id, at);
                }
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(FlushInterval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await FlushAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        // What the last half minute saw, before the process ends.
        await FlushAsync(cancellationToken);
    }
}
