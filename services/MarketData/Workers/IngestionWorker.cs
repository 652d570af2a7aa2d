using Microsoft.Extensions.Options;
using PortfolioTracker.MarketData.Data;
using PortfolioTracker.MarketData.Ingestion;

namespace PortfolioTracker.MarketData.Workers;

/// <summary>
/// Keeps held and watched symbols current within the provider's quota: each round takes
/// the tracked symbols stalest first and ingests them until one answers "unavailable"
/// (quota spent, breaker open), then waits for the next round. Stopping is clean between
/// symbols; after a restart the stalest symbols come first again, so work resumes where it
/// left off without bookkeeping of its own.
/// </summary>
public sealed partial class IngestionWorker(
    PriceIngestor ingestor,
    RlsDatabase database,
    TrackedSymbolRepository tracked,
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
                await RunRoundAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogRoundFailed(logger, exception);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public async Task<int> RunRoundAsync(CancellationToken ct)
    {
        var symbols = await database.RunAsync(DbClaims.ServiceRole, session => tracked.StalestFirstAsync(session, ct), ct);
        var updated = 0;
        foreach (var symbol in symbols)
        {
            ct.ThrowIfCancellationRequested();
            var result = await ingestor.IngestAsync(symbol.Symbol, ct);
            if (result.Status == IngestStatus.Unavailable)
            {
                break; // quota or provider: the rest waits for the next round
            }
            if (result.Status == IngestStatus.Updated)
            {
                updated++;
            }
        }
        return updated;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "No market data provider key is configured: background ingestion is off, stored data is served")]
    private static partial void LogDisabled(ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "An ingestion round failed")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);
}
