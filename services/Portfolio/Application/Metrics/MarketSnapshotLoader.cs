using System.Globalization;
using PortfolioTracker.Portfolio.Caching;
using PortfolioTracker.Portfolio.Domain.Metrics;
using PortfolioTracker.Protos.MarketData.V1;

namespace PortfolioTracker.Portfolio.Application.Metrics;

/// <summary>
/// Everything the metrics engine needs from MarketData: master data, closes over the range,
/// and each currency's rate to the base currency over the range. What the process already
/// holds (<see cref="MarketSeriesCache"/>) is not fetched again; the rest comes in at most
/// three batch calls with the caller's token, never one call per symbol or per day.
/// </summary>
public sealed class MarketSnapshotLoader(
    StockService.StockServiceClient stocks,
    PriceService.PriceServiceClient prices,
    FxService.FxServiceClient fx,
    MarketSeriesCache cache)
{
    public sealed record Loaded(MarketSnapshot Market, ClosePriceSeries? Benchmark);

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

        var closesCall = ClosesAsync(symbols, closesFrom, asOf, ct);
        var master = await StocksAsync(symbols, ct);

        // Flows are in their transactions' currencies; holdings are worth their stock's currency.
        var currencies = entries.Select(e => e.Currency)
            .Concat(master.Values.OfType<MarketSeriesCache.StockFacts>().Select(s => s.Currency))
            .Where(c => c != baseCurrency && c.Length == 3)
            .Distinct()
            .ToList();
        var rates = await FxAsync(currencies, baseCurrency, fxFrom, asOf, ct);
        var closes = await closesCall;

        var securities = new Dictionary<string, Security>();
        foreach (var (symbol, facts) in master)
        {
            if (facts is not null)
            {
                securities[symbol] = new Security(facts.Currency, facts.Sector, closes.GetValueOrDefault(symbol, ClosePriceSeries.Empty));
            }
        }
        return new Loaded(
            new MarketSnapshot(securities, new FxTable(rates)),
            benchmark is null ? null : closes.GetValueOrDefault(benchmark));
    }

    private async Task<Dictionary<string, MarketSeriesCache.StockFacts?>> StocksAsync(List<string> symbols, CancellationToken ct)
    {
        var facts = new Dictionary<string, MarketSeriesCache.StockFacts?>();
        var missing = new List<string>();
        foreach (var symbol in symbols)
        {
            if (cache.TryGetStock(symbol, out var known)) facts[symbol] = known;
            else missing.Add(symbol);
        }
        if (missing.Count == 0)
        {
            return facts;
        }
        var response = await stocks.GetStocksBatchAsync(new GetStocksBatchRequest { Symbols = { missing } }, cancellationToken: ct);
        var found = response.Stocks.ToDictionary(s => s.Symbol, s => new MarketSeriesCache.StockFacts(
            s.Currency, string.IsNullOrEmpty(s.Sector) ? null : s.Sector));
        foreach (var symbol in missing)
        {
            // An unknown symbol is asked again next time: it may be added any moment.
            var stock = found.GetValueOrDefault(symbol);
            if (stock is not null) cache.SetStock(symbol, stock);
            facts[symbol] = stock;
        }
        return facts;
    }

    private async Task<Dictionary<string, ClosePriceSeries>> ClosesAsync(List<string> symbols, DateOnly from, DateOnly to, CancellationToken ct)
    {
        var closes = new Dictionary<string, ClosePriceSeries>();
        var missing = new List<string>();
        foreach (var symbol in symbols)
        {
            if (cache.TryGetCloses(symbol, from, to, out var series)) closes[symbol] = series;
            else missing.Add(symbol);
        }
        if (missing.Count == 0)
        {
            return closes;
        }
        var generations = missing.ToDictionary(symbol => symbol, cache.ClosesGeneration);
        var response = await prices.GetClosesBatchAsync(
            new GetClosesBatchRequest { Symbols = { missing }, From = Text(from), To = Text(to) }, cancellationToken: ct);
        var fetched = response.Series.ToDictionary(s => s.Symbol, s => Series(s.Dates, s.Closes));
        foreach (var symbol in missing)
        {
            var series = fetched.GetValueOrDefault(symbol, ClosePriceSeries.Empty);
            cache.SetCloses(symbol, from, to, series, generations[symbol]);
            closes[symbol] = series;
        }
        return closes;
    }

    private async Task<Dictionary<(string From, string To), ClosePriceSeries>> FxAsync(
        List<string> currencies, string baseCurrency, DateOnly from, DateOnly to, CancellationToken ct)
    {
        var rates = new Dictionary<(string From, string To), ClosePriceSeries>();
        var missing = new List<string>();
        foreach (var currency in currencies)
        {
            if (cache.TryGetFx(currency, baseCurrency, from, to, out var series)) rates[(currency, baseCurrency)] = series;
            else missing.Add(currency);
        }
        if (missing.Count == 0)
        {
            return rates;
        }
        var response = await fx.GetFxSeriesBatchAsync(new GetFxSeriesBatchRequest
        {
            Pairs = { missing.Select(c => new CurrencyPair { From = c, To = baseCurrency }) },
            FromDate = Text(from),
            ToDate = Text(to),
        }, cancellationToken: ct);
        var fetched = response.Series.ToDictionary(s => (s.From, s.To), s => Series(s.Dates, s.Rates));
        foreach (var currency in missing)
        {
            // A pair without rates is asked again next time: the error tells the caller to import them.
            var series = fetched.GetValueOrDefault((currency, baseCurrency), ClosePriceSeries.Empty);
            if (series.Count > 0) cache.SetFx(currency, baseCurrency, from, to, series);
            rates[(currency, baseCurrency)] = series;
        }
        return rates;
    }

    private static ClosePriceSeries Series(IList<string> dates, IList<string> values) => new(dates.Select((date, i) => (
        DateOnly.ParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture),
        decimal.Parse(values[i], CultureInfo.InvariantCulture))));

    private static string Text(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
