using Microsoft.Extensions.Options;
using PortfolioTracker.MarketData.Data;
using PortfolioTracker.MarketData.Providers;
using PortfolioTracker.MarketData.Providers.AlphaVantage;

namespace PortfolioTracker.MarketData.Ingestion;

/// <summary>
/// Dividend events from the provider's DIVIDENDS function into <c>dividend_events</c>, as the
/// service role. Calls go through the same client as prices, so the same quota and breaker
/// apply; the client's response cache (<c>CacheTtl:DIVIDENDS</c>, 7 days) makes a repeated
/// round cost no call until it expires. The provider sends no currency: events are stored in
/// the stock's currency (USD when the stock is unknown). A record that breaks the table's
/// rules is skipped, not stored half-right.
/// </summary>
public sealed partial class DividendEventIngestor(
    RlsDatabase database,
    DividendEventRepository events,
    StockRepository stocks,
    TrackedSymbolRepository tracked,
    IMarketDataProvider provider,
    IOptions<AlphaVantageOptions> options,
    ILogger<DividendEventIngestor> logger)
{
    public bool IsConfigured => !string.IsNullOrWhiteSpace(options.Value.ApiKey);

    /// <summary>Fetches and stores one symbol's events; <see cref="IngestOutcome.BarsUpserted"/> counts events stored new or changed.</summary>
    public async Task<IngestOutcome> IngestAsync(string symbol, CancellationToken ct)
    {
        if (!IsConfigured)
        {
            return new IngestOutcome(symbol, IngestStatus.Unavailable, 0, null, "no market data provider is configured");
        }
        IReadOnlyList<DividendEvent> fetched;
        try
        {
            fetched = await provider.GetDividendsAsync(symbol, ct);
        }
        catch (MarketDataProviderException exception) when (exception.Kind == MarketDataProviderErrorKind.InvalidSymbol)
        {
            return new IngestOutcome(symbol, IngestStatus.Rejected, 0, null, "the provider does not know this symbol");
        }
        catch (MarketDataProviderException exception)
        {
            LogUnavailable(logger, symbol, exception.Kind.ToString());
            return new IngestOutcome(symbol, IngestStatus.Unavailable, 0, null, $"provider unavailable ({exception.Kind}); stored events stay");
        }

        var upserted = await database.RunAsync(DbClaims.ServiceRole, async session =>
        {
            var currency = (await stocks.GetAsync(session, symbol, ct))?.Currency ?? "USD";
            var declared = fetched
                .Select(e => new DeclaredDividend(symbol, e.ExDate, e.PayDate, e.RecordDate, e.DeclarationDate, e.Amount,
                    currency, DividendTypes.Cash, DividendSources.AlphaVantage))
                .ToList();
            var valid = declared.Where(d => !DividendEventRules.Problems(d).Any()).ToList();
            if (valid.Count < declared.Count)
            {
                LogSkipped(logger, symbol, declared.Count - valid.Count);
            }
            return await events.UpsertAsync(session, DividendEventRules.LastPerKey(valid), ct);
        }, ct);
        var newest = fetched.Count == 0 ? (DateOnly?)null : fetched.Max(e => e.ExDate);
        return new IngestOutcome(symbol, IngestStatus.Updated, upserted, newest, $"{upserted} dividend events stored");
    }

    /// <summary>
    /// One round over the tracked symbols (the price round's order) until the provider answers
    /// "unavailable"; returns how many symbols had events stored new or changed.
    /// </summary>
    public async Task<int> IngestTrackedAsync(CancellationToken ct)
    {
        var symbols = await database.RunAsync(DbClaims.ServiceRole, session => tracked.StalestFirstAsync(session, ct), ct);
        var changed = 0;
        foreach (var symbol in symbols)
        {
            ct.ThrowIfCancellationRequested();
            var result = await IngestAsync(symbol.Symbol, ct);
            if (result.Status == IngestStatus.Unavailable)
            {
                break; // quota or provider: the rest waits for the next round
            }
            if (result.BarsUpserted > 0)
            {
                changed++;
            }
        }
        return changed;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Fetching dividends of {Symbol} failed: provider {Kind}; stored events are served")]
    private static partial void LogUnavailable(ILogger logger, string symbol, string kind);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Skipped {Count} dividend records of {Symbol} that break the table's rules")]
    private static partial void LogSkipped(ILogger logger, string symbol, int count);
}
