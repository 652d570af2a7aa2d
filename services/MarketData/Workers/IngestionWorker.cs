using Microsoft.Extensions.Options;
using PortfolioTracker.MarketData.Ingestion;

namespace PortfolioTracker.MarketData.Workers;

/// <summary>
/// Keeps held and watched symbols current within the provider's quota: one round of
/// <see cref="PriceIngestor.IngestTrackedAsync"/> at start and then every interval, followed by
/// one of <see cref="DividendEventIngestor.IngestTrackedAsync"/> (prices first, so dividends
/// spend only what prices left of the quota). A failed round is logged and the next one tries again.
/// </summary>
public sealed partial class IngestionWorker(
    PriceIngestor ingestor,
    DividendEventIngestor dividends,
    IOptions<IngestionOptions> options,
    TimeProvider clock,
    ILogger<IngestionWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!ingestor.IsConfigured)
        {
            LogDisabled(logger);
            return;
        }
        using var timer = new PeriodicTimer(options.Value.Interval, clock);
        do
        {
            try
            {
                await ingestor.IngestTrackedAsync(stoppingToken);
                await dividends.IngestTrackedAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogRoundFailed(logger, exception);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "No market data provider key is configured: background ingestion is off, stored data is served")]
    private static partial void LogDisabled(ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "An ingestion round failed")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);
}
