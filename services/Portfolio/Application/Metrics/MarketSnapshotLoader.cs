using System.Globalization;
using PortfolioTracker.Portfolio.Caching;
using PortfolioTracker.Portfolio.Domain.Metrics;
using PortfolioTracker.Protos.MarketData.V1;

namespace PortfolioTracker.Portfolio.Application.Metrics;

/// <summary>
/// Everything the metrics engine needs from MarketData: master data, closes over the range,
/// and each currency's rate to the base currency over the range. What the process already
/// holds (<see cref="MarketSeriesCache"/>) is not fetched again: the rest, down to the days a
/// held series lacks (the bars after its last held day, say), comes in one call with the
/// caller's token, and no call at all when everything is held and current.
/// </summary>
public sealed class MarketSnapshotLoader(PriceService.PriceServiceClient prices, MarketSeriesCache cache)
{
    public sealed record Loaded(MarketSnapshot Market, ClosePriceSeries? Benchmark);

    /// <param name="valuedSymbols">The distinct symbols of the ledger's BUY, SELL, SPLIT and DIVIDEND entries through asOf (<see cref="PortfolioLedger.ValuedSymbolsThrough"/>).</param>
    /// <param name="entryCurrencies">The distinct currencies of the ledger's entries through asOf (<see cref="PortfolioLedger.CurrenciesThrough"/>).</param>
    /// <param name="closesFrom">First day whose closes are needed (the last earlier close is included).</param>
    /// <param name="fxFrom">First day whose FX is needed (the first trade date: flows convert at their own date).</param>
    public async Task<Loaded> LoadAsync(
        IReadOnlyList<string> valuedSymbols, IReadOnlyList<string> entryCurrencies, string baseCurrency, DateOnly closesFrom, DateOnly fxFrom,
        DateOnly asOf, string? benchmark, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(valuedSymbols);
        ArgumentNullException.ThrowIfNull(entryCurrencies);
        var symbols = valuedSymbols
            .Append(benchmark)
            .OfType<string>()
            .Distinct()
            .ToList();

        var request = new GetValuationSeriesRequest();
        var facts = new Dictionary<string, MarketSeriesCache.StockFacts?>();
        var closes = new Dictionary<string, ClosePriceSeries>();
        var closePlans = new List<(string Symbol, SeriesPlan Plan, long Generation)>();
        foreach (var symbol in symbols)
        {
            var known = cache.TryGetStock(symbol, out var stock);
            if (known) facts[symbol] = stock;
            var plan = SeriesPlan.For(cache.TryGetHeldCloses(symbol, out var held) ? held : null, closesFrom, asOf);
            if (plan.Held is { } complete)
            {
                closes[symbol] = complete;
            }
            else
            {
                // Taken before the call: closes announced while it is in flight must not be kept as current.
                closePlans.Add((symbol, plan, cache.ClosesGeneration(symbol)));
                request.Symbols.Add(plan.Windows.Select(w => new SymbolWindow { Symbol = symbol, From = Text(w.From), To = Text(w.To) }));
            }
            if (!known && plan.Held is not null)
            {
                request.Symbols.Add(new SymbolWindow { Symbol = symbol }); // master data only
            }
        }

        // Flows are in their transactions' currencies; holdings are worth their stock's currency.
        var currencies = Currencies(entryCurrencies.Concat(facts.Values.OfType<MarketSeriesCache.StockFacts>().Select(s => s.Currency)), baseCurrency);
        var rates = new Dictionary<(string From, string To), ClosePriceSeries>();
        var fxPlans = new List<(string Currency, SeriesPlan Plan)>();
        foreach (var currency in currencies)
        {
            var plan = SeriesPlan.For(cache.TryGetHeldFx(currency, baseCurrency, out var held) ? held : null, fxFrom, asOf);
            if (plan.Held is { } complete)
            {
                rates[(currency, baseCurrency)] = complete;
                continue;
            }
            fxPlans.Add((currency, plan));
            request.Pairs.Add(plan.Windows.Select(w => new PairWindow
            {
                FromCurrency = currency, ToCurrency = baseCurrency, From = Text(w.From), To = Text(w.To),
            }));
        }
        if (symbols.Any(s => !facts.ContainsKey(s)))
        {
            // A stock's currency is known only from the answer: MarketData adds its rates unless held.
            request.StockFx = new StockFxWindow
            {
                Currency = baseCurrency, From = Text(fxFrom), To = Text(asOf), Held = { rates.Keys.Select(k => k.From) },
            };
        }

        if (request.Symbols.Count > 0 || request.Pairs.Count > 0)
        {
            var response = await prices.GetValuationSeriesAsync(request, cancellationToken: ct);
            Remember(response, symbols, facts);
            JoinCloses(response, closePlans, closes, asOf);
            JoinRates(response, fxPlans, rates, baseCurrency, fxFrom, asOf);
        }

        var securities = new Dictionary<string, Security>();
        foreach (var (symbol, stock) in facts)
        {
            if (stock is not null)
            {
                securities[symbol] = new Security(stock.Currency, stock.Sector, closes.GetValueOrDefault(symbol, ClosePriceSeries.Empty));
            }
        }
        return new Loaded(
            new MarketSnapshot(securities, new FxTable(rates)),
            benchmark is null ? null : closes.GetValueOrDefault(benchmark));
    }

    private static List<string> Currencies(IEnumerable<string> currencies, string baseCurrency) =>
        currencies.Where(c => c != baseCurrency && c.Length == 3).Distinct().ToList();

    private void Remember(GetValuationSeriesResponse response, List<string> symbols, Dictionary<string, MarketSeriesCache.StockFacts?> facts)
    {
        var found = response.Stocks.ToDictionary(s => s.Symbol, s => new MarketSeriesCache.StockFacts(
            s.Currency, string.IsNullOrEmpty(s.Sector) ? null : s.Sector));
        foreach (var symbol in symbols.Where(s => !facts.ContainsKey(s)))
        {
            var stock = found.GetValueOrDefault(symbol);
            if (stock is not null) cache.SetStock(symbol, stock);
            else cache.SetNotListed(symbol);
            facts[symbol] = stock;
        }
    }

    private void JoinCloses(
        GetValuationSeriesResponse response, List<(string Symbol, SeriesPlan Plan, long Generation)> plans,
        Dictionary<string, ClosePriceSeries> closes, DateOnly asOf)
    {
        var answered = 0; // closes come one per window, in the order asked
        foreach (var (symbol, plan, generation) in plans)
        {
            var windows = response.Closes.Skip(answered).Take(plan.Windows.Count).Select(s => Points(s.Dates, s.Closes)).ToList();
            answered += plan.Windows.Count;
            var held = plan.Join(windows, cache.Fresh);
            cache.SetCloses(symbol, held, generation);
            closes[symbol] = held.Series.Through(asOf);
        }
    }

    private void JoinRates(
        GetValuationSeriesResponse response, List<(string Currency, SeriesPlan Plan)> plans,
        Dictionary<(string From, string To), ClosePriceSeries> rates, string baseCurrency, DateOnly fxFrom, DateOnly asOf)
    {
        var answered = 0; // rates come one per pair window, in the order asked, then those added for stocks
        foreach (var (currency, plan) in plans)
        {
            var windows = response.Rates.Skip(answered).Take(plan.Windows.Count).Select(s => Points(s.Dates, s.Rates)).ToList();
            answered += plan.Windows.Count;
            var held = plan.Join(windows, cache.Fresh);
            // A pair without rates is asked again next time: the error tells the caller to import them.
            if (held.Series.Count > 0) cache.SetFx(currency, baseCurrency, held);
            rates[(currency, baseCurrency)] = held.Series.Through(asOf);
        }
        foreach (var added in response.Rates.Skip(answered))
        {
            var series = new ClosePriceSeries(Points(added.Dates, added.Rates));
            if (series.Count > 0) cache.SetFx(added.From, added.To, fxFrom, asOf, series);
            rates[(added.From, added.To)] = series;
        }
    }

    /// <summary>A series as MarketData sends it (text dates and decimals) as points.</summary>
    /// <remarks>
    /// Dates are read by <see cref="DateText.TryParse"/>: the framework's exact parser took about
    /// 4 µs a date, 12 ms of the first summary after a restart (about 3,000 rates since 2022).
    /// </remarks>
    internal static List<(DateOnly Date, decimal Value)> Points(IList<string> dates, IList<string> values)
    {
        var points = new List<(DateOnly Date, decimal Value)>(dates.Count);
        for (var i = 0; i < dates.Count; i++)
        {
            if (!DateText.TryParse(dates[i], out var date))
            {
                throw new FormatException($"MarketData sent the date '{dates[i]}', which is not YYYY-MM-DD.");
            }
            points.Add((date, decimal.Parse(values[i], CultureInfo.InvariantCulture)));
        }
        return points;
    }

    private static string Text(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
