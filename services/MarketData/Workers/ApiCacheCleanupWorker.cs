using Microsoft.Extensions.Options;
using PortfolioTracker.MarketData.Data;

namespace PortfolioTracker.MarketData.Workers;

/// <summary>
/// Deletes expired <c>api_cache</c> rows at start and then every interval. Expired rows are
/// already ignored by reads; this only keeps the table small. A failed run (database down) is
/// logged and the next one tries again.
/// </summary>
public sealed partial class ApiCacheCleanupWorker(
    ApiCacheCleaner cleaner,
    IOptions<ApiCacheCleanupOptions> options,
    TimeProvider clock,
    ILogger<ApiCacheCleanupWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        using var timer = new PeriodicTimer(settings.Interval, clock);
        try
        {
            do
            {
                try
                {
                    var deleted = await cleaner.DeleteExpiredAsync(settings.BatchSize, stoppingToken);
                    LogDeleted(logger, deleted);
                }
                // A database error that lands while stopping is logged like any other, not thrown
                // out of the worker; only the cancellation itself ends the loop.
                catch (Exception exception) when (exception is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    LogFailed(logger, exception);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: a batch in flight was rolled back and is deleted by the next run.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Deleted} expired api_cache rows")]
    private static partial void LogDeleted(ILogger logger, int deleted);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Deleting expired api_cache rows failed; the next run tries again")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
