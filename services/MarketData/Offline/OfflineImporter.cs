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
        await database.RunAsync(DbClaims.ServiceRole, async session =>
        {
            foreach (var (symbol, events) in dividends)
            {
                await financials.UpsertAsync(session, symbol, FinancialsRepository.Dividends, OfflineDataset.DividendsDocument(events), ct);
            }
        }, ct);

        var result = new OfflineImportResult(stockRows.Count, barCount, rateCount, dividends.Count, dataset.Holidays().Count);
        LogImported(logger, dataset.Folder, result.Stocks, result.Bars, result.Rates, result.DividendDocuments);
        return result;
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Offline dataset {Folder}: {Stocks} stocks, {Bars} bars and {Rates} FX rates new or changed, {Dividends} dividend histories")]
    private static partial void LogImported(ILogger logger, string folder, int stocks, int bars, int rates, int dividends);
}
