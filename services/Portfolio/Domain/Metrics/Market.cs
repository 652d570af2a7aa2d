using System.Runtime.CompilerServices;

namespace PortfolioTracker.Portfolio.Domain.Metrics;

/// <summary>
/// Daily closes of one instrument, sorted by date, looked up as "the last close on or before
/// a date" (carrying the last known close over weekends, holidays and gaps).
/// Closes must be the raw traded prices, not split-adjusted ones: the ledger's SPLIT
/// transactions already rescale the holding, and adjusted closes would count the split twice.
/// </summary>
public sealed class PriceSeries
{
    private readonly DateOnly[] _dates;
    private readonly decimal[] _closes;
    private readonly int _count; // a view through a date shares the arrays and counts fewer

    public PriceSeries(IEnumerable<KeyValuePair<DateOnly, decimal>> closes)
    {
        ArgumentNullException.ThrowIfNull(closes);
        var pairs = closes.ToArray();
        Array.Sort(pairs, static (a, b) => a.Key.CompareTo(b.Key));
        _dates = new DateOnly[pairs.Length];
        _closes = new decimal[pairs.Length];
        for (var i = 0; i < pairs.Length; i++)
        {
            if (i > 0 && pairs[i].Key == pairs[i - 1].Key)
            {
                throw new ArgumentException($"Two closes are given for {pairs[i].Key:yyyy-MM-dd}.", nameof(closes));
            }
            if (pairs[i].Value <= 0)
            {
                throw new ArgumentException($"The close of {pairs[i].Key:yyyy-MM-dd} must be positive.", nameof(closes));
            }
            _dates[i] = pairs[i].Key;
            _closes[i] = pairs[i].Value;
        }
        _count = pairs.Length;
    }

    private PriceSeries(DateOnly[] dates, decimal[] closes, int count)
    {
        _dates = dates;
        _closes = closes;
        _count = count;
    }

    public PriceSeries(IEnumerable<(DateOnly Date, decimal Close)> closes)
        : this(closes.Select(c => KeyValuePair.Create(c.Date, c.Close)))
    {
    }

    public static PriceSeries Empty { get; } = new(Array.Empty<KeyValuePair<DateOnly, decimal>>());

    public int Count => _count;

    /// <summary>
    /// The closes dated on or before <paramref name="last"/>, sharing this series' storage (no
    /// copy): a series kept for later requests is handed to a calculation as of an earlier day.
    /// </summary>
    public PriceSeries Through(DateOnly last)
    {
        var count = IndexOnOrBefore(last) + 1;
        return count == _count ? this : new PriceSeries(_dates, _closes, count);
    }

    public DateOnly DateAt(int index) => _dates[index];

    public decimal CloseAt(int index) => _closes[index];

    /// <summary>The last close dated on or before <paramref name="date"/>, if any.</summary>
    public bool TryGetOnOrBefore(DateOnly date, out decimal close, out DateOnly closeDate)
    {
        var index = IndexOnOrBefore(date);
        if (index < 0)
        {
            close = 0;
            closeDate = default;
            return false;
        }
        close = _closes[index];
        closeDate = _dates[index];
        return true;
    }

    /// <summary>Index of the last close on or before <paramref name="date"/>, or -1.</summary>
    public int IndexOnOrBefore(DateOnly date)
    {
        int lo = 0, hi = _count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (_dates[mid] <= date) lo = mid + 1;
            else hi = mid;
        }
        return lo - 1;
    }

    /// <summary>
    /// Same as <see cref="IndexOnOrBefore"/> but starting from a previous answer: walking days
    /// forward costs O(1) amortised instead of a binary search per day.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot path: full JIT at once, not after tiering
    internal int AdvanceOnOrBefore(int cursor, DateOnly date)
    {
        if (cursor >= 0 && _dates[cursor] > date)
        {
            return IndexOnOrBefore(date); // moved backwards: start over
        }
        while (cursor + 1 < _count && _dates[cursor + 1] <= date)
        {
            cursor++;
        }
        return cursor;
    }
}

/// <summary>What the engine needs to know about a symbol: its quote currency, its sector and its closes.</summary>
public sealed record Security(string Currency, string? Sector, PriceSeries Closes);

/// <summary>
/// FX rates: units of <c>to</c> per unit of <c>from</c>, the last known on or before
/// <c>date</c>. Implementations return 1 when from == to.
/// </summary>
public interface IFxRates
{
    bool TryGetRate(string from, string to, DateOnly date, out decimal rate);
}

/// <summary>One stored FX quote: <see cref="Rate"/> units of <see cref="To"/> per unit of <see cref="From"/>.</summary>
public readonly record struct FxQuote(string From, string To, DateOnly Date, decimal Rate);

/// <summary>
/// An in-memory FX table filled from batch queries. A pair missing in one direction is
/// answered from the other as 1 / rate; no cross rates are derived (the MarketData service
/// already serves them), so ask it for every pair the ledger needs.
/// </summary>
public sealed class FxTable : IFxRates
{
    private readonly Dictionary<(string From, string To), PriceSeries> _pairs = [];

    public FxTable(IEnumerable<FxQuote> quotes)
    {
        ArgumentNullException.ThrowIfNull(quotes);
        foreach (var group in quotes.GroupBy(q => (q.From, q.To)))
        {
            _pairs[group.Key] = new PriceSeries(group.Select(q => KeyValuePair.Create(q.Date, q.Rate)));
        }
    }

    /// <summary>From series already built (and possibly shared with other tables): one per (from, to) pair.</summary>
    public FxTable(IEnumerable<KeyValuePair<(string From, string To), PriceSeries>> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        foreach (var (pair, series) in pairs)
        {
            _pairs[pair] = series;
        }
    }

    public static FxTable Empty { get; } = new(Array.Empty<FxQuote>());

    public bool TryGetRate(string from, string to, DateOnly date, out decimal rate)
    {
        if (string.Equals(from, to, StringComparison.Ordinal))
        {
            rate = 1m;
            return true;
        }
        if (_pairs.TryGetValue((from, to), out var direct) && direct.TryGetOnOrBefore(date, out rate, out _))
        {
            return true;
        }
        if (_pairs.TryGetValue((to, from), out var inverse) && inverse.TryGetOnOrBefore(date, out var inverseRate, out _))
        {
            rate = 1m / inverseRate;
            return true;
        }
        rate = 0;
        return false;
    }
}

/// <summary>FX from a function, for callers that already hold rates in another shape.</summary>
public sealed class FxFunction(Func<string, string, DateOnly, decimal?> lookup) : IFxRates
{
    public bool TryGetRate(string from, string to, DateOnly date, out decimal rate)
    {
        if (string.Equals(from, to, StringComparison.Ordinal))
        {
            rate = 1m;
            return true;
        }
        var found = lookup(from, to, date);
        rate = found ?? 0m;
        return found is > 0;
    }
}

/// <summary>
/// Everything the calculators read about markets, filled by the caller from batch queries:
/// securities by symbol (ordinal, upper-case as stored) and FX.
/// </summary>
public sealed record MarketSnapshot(IReadOnlyDictionary<string, Security> Securities, IFxRates Fx)
{
    public Security? Find(string symbol) => Securities.TryGetValue(symbol, out var security) ? security : null;
}
