using Microsoft.Extensions.Options;
using PortfolioTracker.Dividends.Application;

namespace PortfolioTracker.Dividends.Workers;

/// <summary>
/// Runs <see cref="DividendSyncJob"/> every <see cref="DividendSyncJobOptions.Interval"/>, the first
/// time one interval after start. Every replica runs it; the job's claims give each user to one.
/// </summary>
public sealed partial class DividendSyncWorker(DividendSyncJob job, IOptions<DividendSyncJobOptions> options, ILogger<DividendSyncWorker> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }
        using var timer = new PeriodicTimer(options.Value.Interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await job.RunOnceAsync(stoppingToken);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    LogRunFailed(logger, exception.GetType().Name);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A background dividend sync run failed ({Error}); the next run tries again")]
    private static partial void LogRunFailed(ILogger logger, string error);
}
