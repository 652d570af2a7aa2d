using PortfolioTracker.Portfolio.Caching;

namespace PortfolioTracker.Portfolio.Workers;

/// <summary>
/// Writes the metrics cache's hit counts every few seconds, so a cache hit itself costs no
/// database write (<see cref="MetricsCache.FlushHitsAsync"/>).
/// </summary>
public sealed partial class MetricsHitFlusher(MetricsCache cache, ILogger<MetricsHitFlusher> logger) : BackgroundService
{
    private static readonly TimeSpan FlushInterval = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(FlushInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await cache.FlushHitsAsync(stoppingToken);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    LogFlushFailed(logger, exception);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Writing metrics cache hit counts failed")]
    private static partial void LogFlushFailed(ILogger logger, Exception exception);
}
