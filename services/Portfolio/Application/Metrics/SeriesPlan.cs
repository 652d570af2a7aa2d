using PortfolioTracker.Portfolio.Caching;
using PortfolioTracker.Portfolio.Domain.Metrics;

namespace PortfolioTracker.Portfolio.Application.Metrics;

/// <summary>
/// What a calculation needs of one held series (closes of a symbol, rates of a pair) from
/// <c>from</c> through <c>to</c>: nothing when the held days cover it (<see cref="Held"/>),
/// else the windows of days to ask for: all of them when nothing is held, otherwise only the
/// days before the held ones and those after them.
/// </summary>
public sealed class SeriesPlan
{
    private readonly MarketSeriesCache.HeldSeries? _previous;
    private readonly DateOnly _from;
    private readonly DateOnly _to;

    private SeriesPlan(MarketSeriesCache.HeldSeries? previous, DateOnly from, DateOnly to, ClosePriceSeries? held, IReadOnlyList<(DateOnly From, DateOnly To)> windows)
    {
        _previous = previous;
        _from = from;
        _to = to;
        Held = held;
        Windows = windows;
    }

    /// <summary>The held series through <c>to</c>, when nothing is missing.</summary>
    public ClosePriceSeries? Held { get; }

    /// <summary>Days to ask for, oldest first: at most one before and one after the held days.</summary>
    public IReadOnlyList<(DateOnly From, DateOnly To)> Windows { get; }

    public static SeriesPlan For(MarketSeriesCache.HeldSeries? held, DateOnly from, DateOnly to)
    {
        if (held is null)
        {
            return new SeriesPlan(null, from, to, null, [(from, to)]);
        }
        if (held.Covers(from, to))
        {
            return new SeriesPlan(held, from, to, held.Series.Through(to), []);
        }
        var windows = new List<(DateOnly, DateOnly)>(2);
        if (from < held.From) windows.Add((from, held.From.AddDays(-1)));
        if (to > held.To) windows.Add((held.To.AddDays(1), to));
        return new SeriesPlan(held, from, to, null, windows);
    }

    /// <summary>The held series joined with the points answered for <see cref="Windows"/> (one list each, in order).</summary>
    public MarketSeriesCache.HeldSeries Join(IReadOnlyList<List<(DateOnly Date, decimal Value)>> answered, Func<DateTimeOffset> fresh)
    {
        if (_previous is null)
        {
            return new MarketSeriesCache.HeldSeries(new ClosePriceSeries(answered.Single()), _from, _to, fresh());
        }
        var earlier = _from < _previous.From ? answered[0] : [];
        var later = _to > _previous.To ? answered[^1] : [];
        return new MarketSeriesCache.HeldSeries(
            _previous.Series.Extend(earlier, later, _previous.To),
            Min(_from, _previous.From), Max(_to, _previous.To), _previous.Expires);
    }

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;
}
