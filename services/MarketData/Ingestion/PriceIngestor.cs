using Microsoft.Extensions.Options;
using PortfolioTracker.MarketData.Application;
using PortfolioTracker.MarketData.Data;
using PortfolioTracker.MarketData.Providers;
using PortfolioTracker.MarketData.Providers.AlphaVantage;

namespace PortfolioTracker.MarketData.Ingestion;

/// <summary>
/// "Database first, fetch only what is missing or stale": a symbol whose newest stored bar
/// is the last completed trading day costs no provider call; a stale one is fetched
/// (compact, the last ~100 days, when the gap is small; full history otherwise) and stored
/// permanently. Runs as the service role, never on a user's behalf. When the provider is
/// down, over quota or not configured, the stored data stays and reads report it as stale.
/// </summary>
public sealed partial class PriceIngestor(
    RlsDatabase database,
    PriceRepository prices,
    StockRepository stocks,
    TrackedSymbolRepository tracked,
    MarketCalendar calendar,
    BarWriter writer,
    IMarketDataProvider provider,
    IOptions<AlphaVantageOptions> options,
    TimeProvider clock,
    ILogger<PriceIngestor> logger)
{
    /// <summary>Compact output covers about 100 trading days; leave a margin for holidays.</summary>
    private const int CompactReachDays = 130;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(options.Value.ApiKey);

    public async Task<IngestOutcome> IngestAsync(string symbol, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var (newest, stock) = await database.RunAsync(DbClaims.ServiceRole, async session =>
            (await prices.GetNewestDateAsync(session, symbol, ct), await stocks.GetAsync(session, symbol, ct)), ct);
        if (!await calendar.IsStaleAsync(newest, today, ct))
        {
            return new IngestOutcome(symbol, IngestStatus.Fresh, 0, newest, "stored data is current");
        }
        if (!IsConfigured)
        {
            return new IngestOutcome(symbol, IngestStatus.Unavailable, 0, newest, "no market data provider is configured; serving stored data");
        }

        var size = newest is { } n && today.DayNumber - n.DayNumber <= CompactReachDays ? OutputSize.Compact : OutputSize.Full;
        try
        {
            var bars = await FetchAsync(symbol, size, ct);
            var fresh = bars.Where(b => newest is null || b.Date > newest.Value.AddDays(-7)).ToList();
            // Checked before the overview call: a refused batch must not spend quota.
            var errors = writer.Validate(fresh);
            if (errors.Count > 0)
            {
                return new IngestOutcome(symbol, IngestStatus.Rejected, 0, newest, $"the provider sent an invalid bar: {errors[0].Field} {errors[0].Description}");
            }
            var overview = stock?.CompanyName is null ? await TryOverviewAsync(symbol, ct) : null;
            var currency = overview?.Currency ?? stock?.Currency ?? "USD";
            var upserted = (await writer.WriteAsync(DbClaims.ServiceRole, new BarBatch(symbol, currency, fresh, overview), ct)).Upserted;
            LogIngested(logger, symbol, upserted, size);
            return new IngestOutcome(symbol, IngestStatus.Updated, upserted, fresh.Max(b => b.Date), $"{upserted} bars stored");
        }
        catch (MarketDataProviderException exception) when (exception.Kind == MarketDataProviderErrorKind.InvalidSymbol)
        {
            return new IngestOutcome(symbol, IngestStatus.Rejected, 0, newest, "the provider does not know this symbol");
        }
        catch (MarketDataProviderException exception)
        {
            LogUnavailable(logger, symbol, exception.Kind.ToString());
            return new IngestOutcome(symbol, IngestStatus.Unavailable, 0, newest, $"provider unavailable ({exception.Kind}); serving stored data");
        }
    }

    /// <summary>
    /// One round over the tracked symbols, stalest first, until one answers "unavailable"
    /// (quota spent, breaker open); returns how many were updated. Stopping is clean between
    /// symbols; after a restart the stalest symbols come first again, so work resumes where
    /// it left off without bookkeeping of its own.
    /// </summary>
    public async Task<int> IngestTrackedAsync(CancellationToken ct)
    {
        var symbols = await database.RunAsync(DbClaims.ServiceRole, session => tracked.StalestFirstAsync(session, ct), ct);
        var updated = 0;
        foreach (var symbol in symbols)
        {
            ct.ThrowIfCancellationRequested();
            var result = await IngestAsync(symbol.Symbol, ct);
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

    /// <summary>Full history is premium-only on some plans: fall back to the compact series then.</summary>
    private async Task<IReadOnlyList<DailyBar>> FetchAsync(string symbol, OutputSize size, CancellationToken ct)
    {
        try
        {
            return await provider.GetDailyPricesAsync(symbol, size, adjusted: false, ct);
        }
        catch (MarketDataProviderException exception) when (exception.Kind == MarketDataProviderErrorKind.PremiumOnly && size == OutputSize.Full)
        {
            return await provider.GetDailyPricesAsync(symbol, OutputSize.Compact, adjusted: false, ct);
        }
    }

    /// <summary>Master data is worth one call only while the quota allows it; prices come first.</summary>
    private async Task<CompanyOverview?> TryOverviewAsync(string symbol, CancellationToken ct)
    {
        try
        {
            return await provider.GetOverviewAsync(symbol, ct);
        }
        catch (MarketDataProviderException)
        {
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Ingested {Symbol}: {Bars} bars stored ({Size})")]
    private static partial void LogIngested(ILogger logger, string symbol, int bars, OutputSize size);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ingesting {Symbol} failed: provider {Kind}; stored data is served")]
    private static partial void LogUnavailable(ILogger logger, string symbol, string kind);
}
