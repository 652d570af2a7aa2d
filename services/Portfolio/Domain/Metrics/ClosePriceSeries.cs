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
    // Parallel arrays, no object per bar: 12 bytes a bar (an int day number and a long packed
    // decimal, see CompactDecimal), or 20 when a value does not pack (then decimals are kept).
    private readonly int[] _days;
    private readonly long[]? _packed;
    private readonly decimal[]? _wide;
    private readonly int _count; // a view through a date shares the arrays and counts fewer

    public ClosePriceSeries(IEnumerable<KeyValuePair<DateOnly, decimal>> closes)
    {
        ArgumentNullException.ThrowIfNull(closes);
        var pairs = closes.ToArray();
        Array.Sort(pairs, static (a, b) => a.Key.CompareTo(b.Key));
        Check(pairs, 0, nameof(closes));
        (_days, _packed, _wide) = Store(pairs, pairs.Length);
        _count = pairs.Length;
    }

    private ClosePriceSeries(int[] days, long[]? packed, decimal[]? wide, int count)
    {
        _days = days;
        _packed = packed;
        _wide = wide;
        _count = count;
    }

    public ClosePriceSeries(IEnumerable<(DateOnly Date, decimal Close)> closes)
        : this(closes.Select(c => KeyValuePair.Create(c.Date, c.Close)))
    {
    }

    /// <summary>Bytes held per bar, as stated above (for size accounting).</summary>
    public int BytesPerBar => _wide is null ? sizeof(int) + sizeof(long) : sizeof(int) + sizeof(decimal);

    /// <summary>
    /// <paramref name="earlier"/>'s closes dated before this series' first one, this series through
    /// <paramref name="heldThrough"/>, then <paramref name="later"/>'s closes dated after it: what
    /// MarketData answers for the days before and after the held ones joins what is held without
    /// reading it again. This series is left as it is (views of it stay valid).
    /// </summary>
    public ClosePriceSeries Extend(
        IEnumerable<(DateOnly Date, decimal Close)> earlier, IEnumerable<(DateOnly Date, decimal Close)> later, DateOnly heldThrough)
    {
        ArgumentNullException.ThrowIfNull(earlier);
        ArgumentNullException.ThrowIfNull(later);
        var held = Through(heldThrough);
        var before = held._count > 0 ? held.DateAt(0) : DateOnly.MaxValue;
        var head = earlier.Where(c => c.Date < before).Select(c => KeyValuePair.Create(c.Date, c.Close)).OrderBy(c => c.Key).ToArray();
        var tail = later.Where(c => c.Date > heldThrough).Select(c => KeyValuePair.Create(c.Date, c.Close)).OrderBy(c => c.Key).ToArray();
        if (head.Length == 0 && tail.Length == 0)
        {
            return held;
        }
        var all = new KeyValuePair<DateOnly, decimal>[head.Length + held._count + tail.Length];
        head.CopyTo(all, 0);
        for (var i = 0; i < held._count; i++)
        {
            all[head.Length + i] = KeyValuePair.Create(held.DateAt(i), held.CloseAt(i));
        }
        tail.CopyTo(all, head.Length + held._count);
        Check(all, 0, nameof(later));
        var (days, packed, wide) = Store(all, all.Length);
        return new ClosePriceSeries(days, packed, wide, all.Length);
    }

    private static void Check(KeyValuePair<DateOnly, decimal>[] pairs, int from, string parameter)
    {
        for (var i = from; i < pairs.Length; i++)
        {
            if (i > 0 && pairs[i].Key <= pairs[i - 1].Key)
            {
                throw new ArgumentException($"Two closes are given for {pairs[i].Key:yyyy-MM-dd}.", parameter);
            }
            if (pairs[i].Value <= 0)
            {
                throw new ArgumentException($"The close of {pairs[i].Key:yyyy-MM-dd} must be positive.", parameter);
            }
        }
    }

    private static (int[] Days, long[]? Packed, decimal[]? Wide) Store(KeyValuePair<DateOnly, decimal>[] pairs, int count)
    {
        var days = new int[count];
        var packed = new long[count];
        var fits = true;
        for (var i = 0; i < count; i++)
        {
            days[i] = pairs[i].Key.DayNumber;
            fits &= CompactDecimal.TryPack(pairs[i].Value, out packed[i]);
        }
        if (fits)
        {
            return (days, packed, null);
        }
        var wide = new decimal[count];
        for (var i = 0; i < count; i++)
        {
            wide[i] = pairs[i].Value;
        }
        return (days, null, wide);
    }

    public static ClosePriceSeries Empty { get; } = new(Array.Empty<KeyValuePair<DateOnly, decimal>>());

    public int Count => _count;

    /// <summary>
    /// The arrays behind this series, shared by every view of it (<see cref="Through"/>) and never
    /// changed once built: two series with the same storage and count hold the same closes.
    /// </summary>
    internal object Storage => _days;

    /// <summary>
    /// The closes dated on or before <paramref name="last"/>, sharing this series' storage (no
    /// copy): a series kept for later requests is handed to a calculation as of an earlier day.
    /// </summary>
    public ClosePriceSeries Through(DateOnly last)
    {
        var count = IndexOnOrBefore(last) + 1;
        return count == _count ? this : new ClosePriceSeries(_days, _packed, _wide, count);
    }

    public DateOnly DateAt(int index) => DateOnly.FromDayNumber(_days[index]);

    public decimal CloseAt(int index) => _wide is null ? CompactDecimal.Unpack(_packed![index]) : _wide[index];

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
        close = CloseAt(index);
        closeDate = DateAt(index);
        return true;
    }

    /// <summary>Index of the last close on or before <paramref name="date"/>, or -1.</summary>
    public int IndexOnOrBefore(DateOnly date)
    {
        var day = date.DayNumber;
        int lo = 0, hi = _count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (_days[mid] <= day) lo = mid + 1;
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
        var day = date.DayNumber;
        if (cursor >= 0 && _days[cursor] > day)
        {
            return IndexOnOrBefore(date); // moved backwards: start over
        }
        while (cursor + 1 < _count && _days[cursor + 1] <= day)
        {
            cursor++;
        }
        return cursor;
    }
}
