using PortfolioTracker.MarketData.Data;
using PortfolioTracker.MarketData.Domain;
using PortfolioTracker.ServiceDefaults.Data;

namespace PortfolioTracker.MarketData.Offline;

public sealed record OfflineImportResult(int Stocks, int Bars, int Rates, int DividendDocuments, int Holidays);

/// <summary>
/// The offline provider: loads a dataset folder into the permanent tables as the service
/// role. Upserts skip unchanged rows, so importing the same folder again changes nothing.
/// Each symbol's bars go in one transaction and are validated first: a bad file is refused
/// whole, never half-stored.
/// </summary>
public sealed partial class OfflineImporter(
    RlsDatabase database,
    StockRepository stocks,
    PriceRepository prices,
    FxRepository rates,
    FinancialsRepository financials,
    MarketCalendar calendar,
    PriceUpdates updates,
    TimeProvider clock,
    ILogger<OfflineImporter> logger)
{
    public async Task<OfflineImportResult> ImportAsync(OfflineDataset dataset, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
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
            var errors = BarValidator.Validate(series.Bars, today);
            if (errors.Count > 0)
            {
                throw new InvalidDataException($"{dataset.Folder}/prices/{series.Symbol}.csv: {errors[0].Field} {errors[0].Description}");
            }
            var currency = currencies.GetValueOrDefault(series.Symbol, "USD");
            barCount += await database.RunAsync(DbClaims.ServiceRole, async session =>
            {
                await stocks.EnsureExistsAsync(session, series.Symbol, currency, ct);
                return await prices.UpsertAsync(session, series.Symbol, series.Bars, ct);
            }, ct);
            var newest = series.Bars.MaxBy(b => b.Date)!;
            await updates.PublishAsync(new LatestClose(series.Symbol, newest.Date, newest.Close, currency));
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
