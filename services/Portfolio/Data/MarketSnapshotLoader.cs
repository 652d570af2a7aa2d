using System.Globalization;
using PortfolioTracker.Portfolio.Domain;
using PortfolioTracker.Portfolio.Domain.Metrics;
using PortfolioTracker.Protos.MarketData.V1;
using MetricsPriceSeries = PortfolioTracker.Portfolio.Domain.Metrics.PriceSeries;

namespace PortfolioTracker.Portfolio.Data;

/// <summary>
/// Everything the metrics engine needs from MarketData, fetched in three batch calls made
/// concurrently with the caller's token (never one call per symbol or per day): master
/// data, closes over the range, and each currency's rate to the base currency over the range.
/// </summary>
public sealed class MarketSnapshotLoader(
    StockService.StockServiceClient stocks,
    PriceService.PriceServiceClient prices,
    FxService.FxServiceClient fx)
{
    public sealed record Loaded(MarketSnapshot Market, MetricsPriceSeries? Benchmark);

    /// <param name="closesFrom">First day whose closes are needed (the last earlier close is included).</param>
    /// <param name="fxFrom">First day whose FX is needed (the first trade date: flows convert at their own date).</param>
    public async Task<Loaded> LoadAsync(
        IReadOnlyList<LedgerEntry> entries, string baseCurrency, DateOnly closesFrom, DateOnly fxFrom, DateOnly asOf,
        string? benchmark, CancellationToken ct)
    {
        var symbols = entries
            .Where(e => e.Type is TransactionType.Buy or TransactionType.Sell or TransactionType.Split or TransactionType.Dividend)
            .Select(e => e.Symbol)
            .Append(benchmark)
            .OfType<string>()
            .Distinct()
            .ToList();
        var to = Text(asOf);

        var stocksCall = symbols.Count == 0
            ? Task.FromResult(new GetStocksBatchResponse())
            : stocks.GetStocksBatchAsync(new GetStocksBatchRequest { Symbols = { symbols } }, cancellationToken: ct).ResponseAsync;
        var closesCall = symbols.Count == 0
            ? Task.FromResult(new GetClosesBatchResponse())
            : prices.GetClosesBatchAsync(new GetClosesBatchRequest { Symbols = { symbols }, From = Text(closesFrom), To = to }, cancellationToken: ct).ResponseAsync;
        var master = await stocksCall;

        // Flows are in their transactions' currencies; holdings are worth their stock's currency.
        var currencies = entries.Select(e => e.Currency)
            .Concat(master.Stocks.Select(s => s.Currency))
            .Where(c => c != baseCurrency && c.Length == 3)
            .Distinct()
            .ToList();
        var fxResponse = currencies.Count == 0
            ? new GetFxSeriesBatchResponse()
            : await fx.GetFxSeriesBatchAsync(new GetFxSeriesBatchRequest
            {
                Pairs = { currencies.Select(c => new CurrencyPair { From = c, To = baseCurrency }) },
                FromDate = Text(fxFrom),
                ToDate = to,
            }, cancellationToken: ct).ResponseAsync;
        var closes = (await closesCall).Series.ToDictionary(s => s.Symbol, ToSeries);

        var securities = new Dictionary<string, Security>();
        foreach (var stock in master.Stocks)
        {
            securities[stock.Symbol] = new Security(stock.Currency, string.IsNullOrEmpty(stock.Sector) ? null : stock.Sector,
                closes.GetValueOrDefault(stock.Symbol, MetricsPriceSeries.Empty));
        }
        var quotes = fxResponse.Series.SelectMany(series => series.Dates.Select((date, i) =>
            new FxQuote(series.From, series.To, DateOnly.ParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture),
                decimal.Parse(series.Rates[i], CultureInfo.InvariantCulture))));

        return new Loaded(
            new MarketSnapshot(securities, new FxTable(quotes)),
            benchmark is null ? null : closes.GetValueOrDefault(benchmark));
    }

    private static MetricsPriceSeries ToSeries(CloseSeries series) => new(series.Dates.Select((date, i) => (
        DateOnly.ParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture),
        decimal.Parse(series.Closes[i], CultureInfo.InvariantCulture))));

    private static string Text(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
