namespace PortfolioTracker.Portfolio.Domain.Metrics;

/// <summary>
/// What a daily series (<see cref="LedgerState.DailySeries"/>) reads from a market, by identity:
/// for each symbol the entries name, whether the market knows it, its currency and the stored
/// closes behind it; for each currency involved (the entries' and the securities'), the stored
/// series of its rate to the base currency and back. Closes and rates live in arrays that are never
/// changed once built and that every view of a series shares (<see cref="ClosePriceSeries.Storage"/>):
/// a view through an earlier day holds exactly the first closes of a view through a later one. So
/// a series valued through a day with one market holds, day for day, the series through any
/// earlier day of a market this key <see cref="Serves"/>: the performance and the risk request of
/// one day (their markets differ only by the benchmark), or a request as of an earlier day.
/// </summary>
public sealed class ValuationKey
{
    private readonly string _baseCurrency;
    private readonly Dictionary<string, (string? Currency, object? Closes)> _symbols;
    private readonly Dictionary<string, (object? Direct, object? Inverse)> _currencies;

    private ValuationKey(
        string baseCurrency, Dictionary<string, (string?, object?)> symbols, Dictionary<string, (object?, object?)> currencies) =>
        (_baseCurrency, _symbols, _currencies) = (baseCurrency, symbols, currencies);

    /// <param name="symbols">Every symbol of the entries through the series' last day.</param>
    /// <param name="currencies">Every currency of those entries.</param>
    /// <returns>Null when the market's FX is not an <see cref="FxTable"/> (its series cannot be compared).</returns>
    public static ValuationKey? Of(MarketSnapshot market, IReadOnlyList<string> symbols, IReadOnlyList<string> currencies, string baseCurrency)
    {
        ArgumentNullException.ThrowIfNull(market);
        ArgumentNullException.ThrowIfNull(symbols);
        ArgumentNullException.ThrowIfNull(currencies);
        if (market.Fx is not FxTable fx)
        {
            return null;
        }
        var read = new Dictionary<string, (string?, object?)>(symbols.Count, StringComparer.Ordinal);
        var involved = new List<string>(currencies);
        foreach (var symbol in symbols)
        {
            var security = market.Find(symbol);
            read[symbol] = (security?.Currency, security?.Closes.Storage);
            if (security is not null && !involved.Contains(security.Currency)) involved.Add(security.Currency);
        }
        var rates = new Dictionary<string, (object?, object?)>(involved.Count, StringComparer.Ordinal);
        foreach (var currency in involved)
        {
            var (direct, inverse) = fx.SeriesOf(currency, baseCurrency);
            rates[currency] = (direct?.Storage, inverse?.Storage);
        }
        return new ValuationKey(baseCurrency, read, rates);
    }

    /// <summary>
    /// True when a series valued with this key's market holds the series of <paramref name="request"/>'s
    /// market through any day on or before this one's: the same base currency, and every symbol and
    /// currency the request reads read here from the same stored series (arrays by reference).
    /// Symbols first traded later may be here and not in the request: they change no earlier day.
    /// </summary>
    public bool Serves(ValuationKey request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request._baseCurrency != _baseCurrency)
        {
            return false;
        }
        foreach (var (symbol, (currency, closes)) in request._symbols)
        {
            if (!_symbols.TryGetValue(symbol, out var held) || held.Currency != currency || !ReferenceEquals(held.Closes, closes)) return false;
        }
        foreach (var (currency, (direct, inverse)) in request._currencies)
        {
            if (!_currencies.TryGetValue(currency, out var held) || !ReferenceEquals(held.Direct, direct) || !ReferenceEquals(held.Inverse, inverse)) return false;
        }
        return true;
    }
}
