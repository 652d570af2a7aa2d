using System.Runtime.CompilerServices;

namespace PortfolioTracker.Portfolio.Domain.Metrics;

/// <summary>
/// What the performance and risk figures derive from a daily series before they look at a
/// range or a benchmark: the daily returns (<see cref="DailyReturns"/>), the TWR index with its
/// count of defined returns, the weekday observations and the running maximum drawdown
/// (<see cref="RiskCalculator"/> defines them). Each entry depends only on the days up to its
/// own, so the first n entries are exactly what the first n days of the series give.
/// <para>
/// Built once per series array and kept while that array lives: a performance request and the
/// risk request after it, or a request as of an earlier day that is served the first days of the
/// same held series (<c>LedgerStates.DailySeries</c>), read the same entries instead of dividing
/// and multiplying every day again. A series array is never changed once made; any other list
/// is read afresh.
/// </para>
/// </summary>
internal sealed class SeriesReturns
{
    private static readonly ConditionalWeakTable<DailyValue[], SeriesReturns> Built = new();

    private readonly IReadOnlyList<DailyValue> _series;
    // Risk's part, built when risk first asks: a performance request alone needs only the daily returns.
    private RiskPart? _risk;

    private SeriesReturns(IReadOnlyList<DailyValue> series)
    {
        _series = series;
        Daily = DailyReturns.Compute(series);
    }

    /// <summary>r_t of every day (null where undefined).</summary>
    public decimal?[] Daily { get; }

    /// <summary>L_t = Π_{s ≤ t} (1 + r_s), an undefined day counting as 0.</summary>
    public decimal[] Levels => Risk.Levels;

    /// <summary>How many of the days 0..t have a defined return.</summary>
    public int[] DefinedSoFar => Risk.DefinedSoFar;

    private RiskPart Risk => LazyInitializer.EnsureInitialized(ref _risk, () => new RiskPart(_series, Daily));

    /// <summary>The entries of <paramref name="series"/>: the held ones when it is (the start of) a series array seen before.</summary>
    public static SeriesReturns For(IReadOnlyList<DailyValue> series)
    {
        ArgumentNullException.ThrowIfNull(series);
        return series switch
        {
            DailyValue[] array => Built.GetValue(array, static array => new SeriesReturns(array)),
            ArraySegment<DailyValue> { Offset: 0, Array: { } array } => Built.GetValue(array, static array => new SeriesReturns(array)),
            _ => new SeriesReturns(series),
        };
    }

    /// <summary>The weekday observations of the first <paramref name="days"/> days, in date order.</summary>
    public IReadOnlyList<decimal> ObservationsOf(int days) =>
        new ArraySegment<decimal>(Risk.Observations, 0, days == 0 ? 0 : Risk.ObservationsThrough[days - 1]);

    /// <summary>The maximum drawdown of the first <paramref name="days"/> days and its peak's and trough's days (null when it never fell).</summary>
    public (decimal Drawdown, int? PeakDay, int? TroughDay) DrawdownOf(int days)
    {
        if (days == 0) return (0m, null, null);
        var (worst, peak, trough) = (Risk.WorstDrawdown[days - 1], Risk.WorstPeak[days - 1], Risk.WorstTrough[days - 1]);
        return (worst, peak < 0 ? null : peak, trough < 0 ? null : trough);
    }

    /// <summary>The index, its defined days, the observations and the drawdown, entry by entry.</summary>
    private sealed class RiskPart
    {
        public RiskPart(IReadOnlyList<DailyValue> series, decimal?[] daily)
        {
            Levels = new decimal[series.Count];
            DefinedSoFar = new int[series.Count];
            var level = 1m;
            for (var i = 0; i < Levels.Length; i++)
            {
                level *= 1 + (daily[i] ?? 0m);
                Levels[i] = level;
                DefinedSoFar[i] = (i > 0 ? DefinedSoFar[i - 1] : 0) + (daily[i] is null ? 0 : 1);
            }
            (Observations, ObservationsThrough) = WeekdayReturns(series, Levels, DefinedSoFar);
            (WorstDrawdown, WorstPeak, WorstTrough) = RunningDrawdown(Levels);
        }

        public decimal[] Levels { get; }
        public int[] DefinedSoFar { get; }
        public decimal[] Observations { get; }
        public int[] ObservationsThrough { get; } // how many observations the days 0..i give
        public decimal[] WorstDrawdown { get; }   // the maximum drawdown over the days 0..i
        public int[] WorstPeak { get; }           // its peak's and trough's days, −1 while none
        public int[] WorstTrough { get; }
    }

    private static (decimal[] Returns, int[] Through) WeekdayReturns(IReadOnlyList<DailyValue> series, decimal[] levels, int[] definedSoFar)
    {
        var returns = new List<decimal>(series.Count * 5 / 7 + 1);
        var through = new int[series.Count];
        var previous = -1;
        for (var i = 0; i < series.Count; i++)
        {
            if (series[i].Date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            {
                if (previous >= 0 && levels[previous] != 0 && definedSoFar[i] > definedSoFar[previous])
                {
                    returns.Add(levels[i] / levels[previous] - 1);
                }
                previous = i;
            }
            through[i] = returns.Count;
        }
        return ([.. returns], through);
    }

    private static (decimal[] Worst, int[] Peak, int[] Trough) RunningDrawdown(decimal[] levels)
    {
        var worstSoFar = new decimal[levels.Length];
        var peakSoFar = new int[levels.Length];
        var troughSoFar = new int[levels.Length];
        if (levels.Length == 0) return (worstSoFar, peakSoFar, troughSoFar);
        decimal worst = 0;
        int worstPeak = -1, worstTrough = -1;
        var peak = levels[0];
        var peakDay = 0;
        (worstSoFar[0], peakSoFar[0], troughSoFar[0]) = (worst, worstPeak, worstTrough);
        for (var i = 1; i < levels.Length; i++)
        {
            if (levels[i] > peak)
            {
                peak = levels[i];
                peakDay = i;
            }
            else if (peak > 0)
            {
                var drawdown = levels[i] / peak - 1;
                if (drawdown < worst)
                {
                    (worst, worstPeak, worstTrough) = (drawdown, peakDay, i);
                }
            }
            (worstSoFar[i], peakSoFar[i], troughSoFar[i]) = (worst, worstPeak, worstTrough);
        }
        return (worstSoFar, peakSoFar, troughSoFar);
    }
}
