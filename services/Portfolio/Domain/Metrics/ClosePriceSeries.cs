using System.Runtime.CompilerServices;

namespace PortfolioTracker.Portfolio.Domain.Metrics;

/// <summary>
/// Daily closes of one instrument, sorted by date, looked up as "the last close on or before
/// a date" (carrying the last known close over weekends, holidays and gaps).
/// Closes must be the raw traded prices, not split-adjusted ones: the ledger's SPLIT
/// transactions already rescale the holding, and adjusted closes would count the split twice.
/// </summary>
public sealed class ClosePriceSeries
{
    private readonly DateOnly[] _dates;
    private readonly decimal[] _closes;
    private readonly int _count; // a view through a date shares the arrays and counts fewer

    public ClosePriceSeries(IEnumerable<KeyValuePair<DateOnly, decimal>> closes)
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

    private ClosePriceSeries(DateOnly[] dates, decimal[] closes, int count)
    {
        _dates = dates;
        _closes = closes;
        _count = count;
    }

    public ClosePriceSeries(IEnumerable<(DateOnly Date, decimal Close)> closes)
        : this(closes.Select(c => KeyValuePair.Create(c.Date, c.Close)))
    {
    }

    public static ClosePriceSeries Empty { get; } = new(Array.Empty<KeyValuePair<DateOnly, decimal>>());

    public int Count => _count;

    /// <summary>
    /// The closes dated on or before <paramref name="last"/>, sharing this series' storage (no
    /// copy): a series kept for later requests is handed to a calculation as of an earlier day.
    /// </summary>
    public ClosePriceSeries Through(DateOnly last)
    {
        var count = IndexOnOrBefore(last) + 1;
        return count == _count ? this : new ClosePriceSeries(_dates, _closes, count);
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
