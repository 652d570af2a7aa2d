namespace PortfolioTracker.Portfolio.Domain.Metrics;

/// <summary>
/// What a daily series (<see cref="LedgerState.DailySeries"/>) reads from a market, by identity:
/// for each symbol the entries name, whether the market knows it, its currency and the closes it
/// holds; for each currency involved (the entries' and the securities'), the stored series of its
/// rate to the base currency and back. Closes and rates live in arrays that are never changed once
/// built and that every view of a series shares (<see cref="ClosePriceSeries.Storage"/>), so two
/// markets with equal keys value every day alike: a series computed with one serves the other
/// (the performance and the risk request of one day, whose markets differ only by the benchmark).
/// </summary>
public sealed class ValuationKey : IEquatable<ValuationKey>
{
    private readonly object?[] _parts;

    private ValuationKey(object?[] parts) => _parts = parts;

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
        var parts = new List<object?>(symbols.Count * 4 + currencies.Count * 5 + 1) { baseCurrency };
        var involved = new List<string>(currencies);
        foreach (var symbol in symbols)
        {
            parts.Add(symbol);
            var security = market.Find(symbol);
            if (security is null)
            {
                parts.Add(null);
                continue;
            }
            parts.Add(security.Currency);
            parts.Add(security.Closes.Storage);
            parts.Add(security.Closes.Count);
            if (!involved.Contains(security.Currency)) involved.Add(security.Currency);
        }
        foreach (var currency in involved)
        {
            var (direct, inverse) = fx.SeriesOf(currency, baseCurrency);
            parts.Add(currency);
            parts.Add(direct?.Storage);
            parts.Add(direct?.Count ?? -1);
            parts.Add(inverse?.Storage);
            parts.Add(inverse?.Count ?? -1);
        }
        return new ValuationKey([.. parts]);
    }

    public bool Equals(ValuationKey? other)
    {
        if (other is null || other._parts.Length != _parts.Length)
        {
            return false;
        }
        for (var i = 0; i < _parts.Length; i++)
        {
            // Strings and counts by value, arrays by reference (object.Equals does both).
            if (!Equals(_parts[i], other._parts[i])) return false;
        }
        return true;
    }

    public override bool Equals(object? obj) => Equals(obj as ValuationKey);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var part in _parts) hash.Add(part);
        return hash.ToHashCode();
    }
}
