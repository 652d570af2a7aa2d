using Microsoft.Extensions.Options;
using PortfolioTracker.Operations.Scheduling;
using PortfolioTracker.OperationsService.Application;
using PortfolioTracker.OperationsService.Data;

namespace PortfolioTracker.OperationsService.Workers;

/// <summary>
/// Looks for due jobs every <see cref="ScheduleOptions.Tick"/> and runs each due occurrence that
/// this instance claims in <c>ops.job_runs</c>: with several instances up, each occurrence runs
/// once. Jobs run one after another; a missed occurrence (the service was down) is not caught up.
/// </summary>
public sealed partial class OperationsScheduler(
    ScheduledJobs jobs, MaintainerDatabase maintainer, IOptions<ScheduleOptions> options, TimeProvider time, ILogger<OperationsScheduler> logger) : BackgroundService
{
    /// <summary>This process among the instances, as the journal records it.</summary>
    public static string Instance { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}"[..^24];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }
        var scheduler = new JobScheduler(jobs.All(), new JobJournal(maintainer.DataSource), Instance, time.GetUtcNow());
        using var timer = new PeriodicTimer(options.Value.Tick, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                foreach (var outcome in await scheduler.TickAsync(time.GetUtcNow(), stoppingToken))
                {
                    if (!outcome.Claimed)
                    {
                        continue;
                    }
                    if (outcome.Succeeded)
                    {
                        LogJobSucceeded(logger, outcome.Job, outcome.DueAt, outcome.Detail);
                    }
                    else
                    {
                        LogJobFailed(logger, outcome.Job, outcome.DueAt, outcome.Detail);
                    }
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The journal itself unreachable (database down): try again next tick.
                LogTickFailed(logger, e.GetType().Name);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Scheduled job {Job} due {DueAt} succeeded: {Detail}")]
    private static partial void LogJobSucceeded(ILogger logger, string job, DateTimeOffset dueAt, string detail);

    [LoggerMessage(Level = LogLevel.Error, Message = "Scheduled job {Job} due {DueAt} failed: {Detail}")]
    private static partial void LogJobFailed(ILogger logger, string job, DateTimeOffset dueAt, string detail);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Scheduler tick failed ({Error}); retrying next tick")]
    private static partial void LogTickFailed(ILogger logger, string error);
}
