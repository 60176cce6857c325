using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Pps.Web.Infrastructure.Jobs;

/// <summary>
/// A background job. Jobs take their time from <see cref="TimeProvider"/> and do one pass per <see cref="RunAsync"/>,
/// so tests run a pass directly (with a fake clock) instead of waiting for the scheduler.
/// </summary>
public interface IJob
{
    static abstract string Name { get; }

    static abstract TimeSpan Interval { get; }

    Task RunAsync(CancellationToken ct);
}

/// <summary>Runs one job type on its interval, each pass in its own DI scope.</summary>
internal sealed class JobRunner<TJob>(IServiceScopeFactory scopes, ILogger<JobRunner<TJob>> log, IConfiguration config)
    : BackgroundService where TJob : class, IJob
{
    private static readonly TimeSpan FirstPassCap = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!config.GetValue("Pps:RunBackgroundJobs", true))
        {
            return;
        }

        // The first pass waits up to one interval (at most a minute, with jitter) instead of running at once: a restart
        // is the moment thousands of live clients reconnect and catch up, and thirteen jobs each reading whole tables
        // at that same moment only slow them down. Every job still runs at least once per interval.
        var first = TimeSpan.FromTicks(Math.Min(TJob.Interval.Ticks, FirstPassCap.Ticks));
        try
        {
            await Task.Delay(first * (0.5 + (Random.Shared.NextDouble() / 2)), stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        using var timer = new PeriodicTimer(TJob.Interval);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                scope.ServiceProvider.GetRequiredService<Data.ITenantContext>().UseCrossTenant();
                var lease = TimeSpan.FromTicks(Math.Max(TJob.Interval.Ticks * 2, TimeSpan.FromSeconds(30).Ticks));
                if (await scope.ServiceProvider.GetRequiredService<JobLeases>().TryAcquireAsync(TJob.Name, lease, stoppingToken))
                {
                    await scope.ServiceProvider.GetRequiredService<TJob>().RunAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                log.LogError(ex, "Job {Job} failed; it runs again in {Interval}", TJob.Name, TJob.Interval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}

public static class JobRegistration
{
    /// <summary>Registers a job for DI (tests resolve and run it) and for the in-process scheduler.</summary>
    public static IServiceCollection AddJob<TJob>(this IServiceCollection services) where TJob : class, IJob
    {
        services.TryAddScoped<JobLeases>();
        services.AddScoped<TJob>();
        services.AddHostedService<JobRunner<TJob>>();
        return services;
    }
}
