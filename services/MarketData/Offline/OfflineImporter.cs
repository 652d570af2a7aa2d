using PortfolioTracker.MarketData.Application;
using PortfolioTracker.MarketData.Data;

namespace PortfolioTracker.MarketData.Offline;

/// <summary>
/// The offline provider: loads a dataset folder into the permanent tables as the service
/// role. Upserts skip unchanged rows, so importing the same folder again changes nothing.
/// Each symbol's bars go in one transaction and are validated first: a bad file is refused
/// whole, never half-stored.
/// </summary>
public sealed partial class OfflineImporter(
    RlsDatabase database,
    StockRepository stocks,
    FxRepository rates,
    FinancialsRepository financials,
    DividendEventRepository dividendEvents,
    MarketCalendar calendar,
    BarWriter writer,
    ILogger<OfflineImporter> logger)
{
    public async Task<OfflineImportResult> ImportAsync(OfflineDataset dataset, CancellationToken ct)
    {
        var stockRows = dataset.Stocks();
        var currencies = stockRows.ToDictionary(s => s.Symbol, s => s.Currency);
        await database.RunAsync(DbClaims.ServiceRole, async session =>
        {
            foreach (var stock in stockRows)
            {
                await stocks.UpsertAsync(session, stock, ct);
            }
            await calendar.UpsertHolidaysAsync(session, dataset.Holidays(), ct);
        }, ct);

        var barCount = 0;
        foreach (var series in dataset.Prices())
        {
            var currency = currencies.GetValueOrDefault(series.Symbol, "USD");
            var written = await writer.WriteAsync(DbClaims.ServiceRole, new BarBatch(series.Symbol, currency, series.Bars), ct);
            if (written.Refused)
            {
                var error = written.Violations[0];
                throw new InvalidDataException($"{dataset.Folder}/prices/{series.Symbol}.csv: {error.Field} {error.Description}");
            }
            barCount += written.Upserted;
        }

        var rateCount = 0;
        foreach (var pair in dataset.Rates())
        {
            rateCount += await database.RunAsync(DbClaims.ServiceRole,
                session => rates.UpsertAsync(session, pair.From, pair.To, pair.Rates, ct), ct);
        }

        var dividends = dataset.Dividends();
        var declared = dividends.SelectMany(s => s.Value.Select(d => d.ToDeclared(s.Key))).ToList();
        var refused = declared.SelectMany(d => DividendEventRules.Problems(d).Select(p => $"{d.Symbol} {d.ExDate:yyyy-MM-dd}: {p.Field} {p.Description}")).FirstOrDefault();
        if (refused is not null)
        {
            throw new InvalidDataException($"{dataset.Folder}/dividends.csv: {refused}");
        }
        var eventCount = await database.RunAsync(DbClaims.ServiceRole, async session =>
        {
            foreach (var (symbol, events) in dividends)
            {
                await financials.UpsertAsync(session, symbol, FinancialsRepository.Dividends, OfflineDataset.DividendsDocument(events), ct);
            }
            return await dividendEvents.UpsertAsync(session, DividendEventRules.LastPerKey(declared), ct);
        }, ct);

        var result = new OfflineImportResult(stockRows.Count, barCount, rateCount, dividends.Count, dataset.Holidays().Count, eventCount);
        LogImported(logger, dataset.Folder, result.Stocks, result.Bars, result.Rates, result.DividendDocuments, result.DividendEvents);
        return result;
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Offline dataset {Folder}: {Stocks} stocks, {Bars} bars, {Rates} FX rates and {DividendEvents} dividend events new or changed, {Dividends} dividend histories")]
    private static partial void LogImported(ILogger logger, string folder, int stocks, int bars, int rates, int dividends, int dividendEvents);
}
