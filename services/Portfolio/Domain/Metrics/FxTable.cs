namespace PortfolioTracker.Portfolio.Domain.Metrics;

/// <summary>
/// An in-memory FX table filled from batch queries. A pair is answered from its own rate or,
/// when that is missing or older, from the other direction's as 1 / rate; no cross rates are derived (the MarketData service
/// already serves them), so ask it for every pair the ledger needs.
/// </summary>
public sealed class FxTable : IFxRates
{
    private readonly Dictionary<(string From, string To), ClosePriceSeries> _pairs = [];

    public FxTable(IEnumerable<FxQuote> quotes)
    {
        ArgumentNullException.ThrowIfNull(quotes);
        foreach (var group in quotes.GroupBy(q => (q.From, q.To)))
        {
            _pairs[group.Key] = new ClosePriceSeries(group.Select(q => KeyValuePair.Create(q.Date, q.Rate)));
        }
    }

    /// <summary>From series already built (and possibly shared with other tables): one per (from, to) pair.</summary>
    public FxTable(IEnumerable<KeyValuePair<(string From, string To), ClosePriceSeries>> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        foreach (var (pair, series) in pairs)
        {
            _pairs[pair] = series;
        }
    }

    public static FxTable Empty { get; } = new(Array.Empty<FxQuote>());

    /// <summary>The stored series of a pair and of its inverse, either null when not held (see <see cref="ValuationKey"/>).</summary>
    internal (ClosePriceSeries? Direct, ClosePriceSeries? Inverse) SeriesOf(string from, string to) =>
        (_pairs.GetValueOrDefault((from, to)), _pairs.GetValueOrDefault((to, from)));

    public bool TryGetRate(string from, string to, DateOnly date, out decimal rate)
    {
        if (string.Equals(from, to, StringComparison.Ordinal))
        {
            rate = 1m;
            return true;
        }
        // The fresher of the pair and its inverse, the pair on equal dates (as MarketData answers).
        decimal directRate = 0, inverseRate = 0;
        DateOnly directDate = default, inverseDate = default;
        var hasDirect = _pairs.TryGetValue((from, to), out var direct) && direct.TryGetOnOrBefore(date, out directRate, out directDate);
        var hasInverse = _pairs.TryGetValue((to, from), out var inverse) && inverse.TryGetOnOrBefore(date, out inverseRate, out inverseDate);
        if (hasInverse && (!hasDirect || inverseDate > directDate))
        {
            rate = 1m / inverseRate;
            return true;
        }
        rate = directRate;
        return hasDirect;
    }
}
