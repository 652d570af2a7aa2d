using System.Runtime.CompilerServices;

namespace PortfolioTracker.Portfolio.Domain.Metrics;

/// <summary>
/// The portfolio at the end of one calendar day, in the base currency.
/// <paramref name="Value"/>: market value of the holdings (each day's last known close and FX)
/// plus cash when the ledger tracks cash. <paramref name="Inflow"/>: external money in, counted at
/// the START of the day (DEPOSIT; without cash tracking a buy's cost + commission).
/// <paramref name="Outflow"/>: external money out, counted at the END of the day (WITHDRAWAL;
/// without cash tracking a sale's proceeds − commission). <paramref name="Income"/>: only without
/// cash tracking, dividends less fees paid straight out / in — performance, not a flow.
/// </summary>
public readonly record struct DailyValue(DateOnly Date, decimal Value, decimal Inflow, decimal Outflow, decimal Income);

public enum PerformanceRange
{
    OneDay,
    OneWeek,
    OneMonth,
    YearToDate,
    OneYear,
    Max,
}

public static class PerformanceRanges
{
    public static IReadOnlyList<PerformanceRange> All { get; } = Enum.GetValues<PerformanceRange>();

    /// <summary>The wire names of API.md: 1d, 1w, 1m, ytd, 1y, max.</summary>
    public static string ToWire(this PerformanceRange range) => range switch
    {
        PerformanceRange.OneDay => "1d",
        PerformanceRange.OneWeek => "1w",
        PerformanceRange.OneMonth => "1m",
        PerformanceRange.YearToDate => "ytd",
        PerformanceRange.OneYear => "1y",
        PerformanceRange.Max => "max",
        _ => throw new ArgumentOutOfRangeException(nameof(range)),
    };

    public static bool TryParse(string? text, out PerformanceRange range)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(text?.Trim(), candidate.ToWire(), StringComparison.OrdinalIgnoreCase))
            {
                range = candidate;
                return true;
            }
        }
        range = default;
        return false;
    }

    /// <summary>
    /// The range's base date B: the return runs from the end of B to the end of asOf.
    /// 1d: the weekday before the latest weekday on or before asOf (Tue → Mon, Mon → Fri,
    ///     Sun → Thu, so a weekend shows Friday's move; exchange holidays are not known here);
    /// 1w: asOf − 7 days; 1m: asOf − 1 calendar month (clamped to the month's end);
    /// ytd: 31 December of the previous year; 1y: asOf − 1 year (29 Feb → 28 Feb);
    /// max: the day before the first transaction.
    /// The caller clips B to the day before the first transaction when history is shorter.
    /// </summary>
    public static DateOnly BaseDate(this PerformanceRange range, DateOnly asOf, DateOnly inception) => range switch
    {
        PerformanceRange.OneDay => LatestWeekdayOnOrBefore(LatestWeekdayOnOrBefore(asOf).AddDays(-1)),
        PerformanceRange.OneWeek => asOf.AddDays(-7),
        PerformanceRange.OneMonth => asOf.AddMonths(-1),
        PerformanceRange.YearToDate => new DateOnly(asOf.Year - 1, 12, 31),
        PerformanceRange.OneYear => asOf.AddYears(-1),
        PerformanceRange.Max => inception,
        _ => throw new ArgumentOutOfRangeException(nameof(range)),
    };

    private static DateOnly LatestWeekdayOnOrBefore(DateOnly date)
    {
        while (date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday) date = date.AddDays(-1);
        return date;
    }
}

/// <summary>
/// Returns over one range, from the end of <paramref name="StartDate"/> to the end of
/// <paramref name="EndDate"/> (<paramref name="Days"/> = EndDate − StartDate).
/// <paramref name="Gain"/> = EndValue − StartValue − inflows + outflows + income: the money made.
/// Returns are fractions (0.1 = 10%), rounded to 10 decimal places; annualised figures are
/// null for ranges shorter than 365 days; MWR is null with <paramref name="MoneyWeightedError"/>
/// saying why when XIRR has no root.
/// </summary>
public sealed record RangePerformance(
    PerformanceRange Range,
    DateOnly StartDate,
    DateOnly EndDate,
    int Days,
    decimal StartValue,
    decimal EndValue,
    decimal NetInflow,
    decimal Gain,
    decimal TimeWeightedReturn,
    decimal? TimeWeightedReturnAnnualised,
    decimal? MoneyWeightedReturn,
    decimal? MoneyWeightedReturnAnnualised,
    string? MoneyWeightedError);

public sealed record PerformanceReport(
    DateOnly AsOf,
    string BaseCurrency,
    bool TracksCash,
    IReadOnlyList<DailyValue> DailyValues,
    IReadOnlyList<RangePerformance> Ranges);

/// <summary>
/// Daily value series and returns (see <see cref="DailyReturns"/> for the TWR convention and
/// <see cref="Xirr"/> for the MWR one).
/// <list type="bullet">
/// <item>Series: one entry per calendar day from the first transaction to asOf; each day applies
///   that day's transactions, then values holdings at the last close on or before the day and
///   that day's FX (the same code as the summary, so the last value equals its totalValue).</item>
/// <item>TWR over a range = Π (1 + r_t) − 1 over the days t in (B, asOf].</item>
/// <item>MWR = XIRR (Act/365) of: −value at the end of B; −inflow of day t at the end of t − 1
///   (its start); +outflow and +income of day t at the end of t; +value at the end of asOf.
///   XIRR is an annual rate: the annualised MWR is that rate (for ranges of ≥ 365 days) and
///   the period MWR is (1 + rate)^(span / 365) − 1, span = asOf − the earliest flow's date.</item>
/// <item>Annualised TWR = (1 + TWR)^(365 / Days) − 1, only when Days ≥ 365, else null.</item>
/// </list>
/// </summary>
public static class PerformanceCalculator
{
    /// <exception cref="OversoldPositionException">A SELL exceeds the quantity held at its date.</exception>
    /// <exception cref="MissingFxRateException">A needed FX rate is unknown on or before its date.</exception>
    public static PerformanceReport Compute(
        Ledger ledger, MarketSnapshot market, string baseCurrency, DateOnly asOf, IEnumerable<PerformanceRange> ranges)
    {
        ArgumentNullException.ThrowIfNull(ranges);
        var series = DailySeries(ledger, market, baseCurrency, asOf);
        var returns = DailyReturns.Compute(series);
        var results = ranges.Select(range => ComputeRange(range, series, returns, asOf)).ToList();
        return new PerformanceReport(asOf, baseCurrency, ledger.TracksCash(asOf), series, results);
    }

    /// <summary>The daily value series alone (what <see cref="RiskCalculator"/> needs).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot path: full JIT at once, not after tiering
    public static IReadOnlyList<DailyValue> DailySeries(Ledger ledger, MarketSnapshot market, string baseCurrency, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(market);
        ArgumentException.ThrowIfNullOrWhiteSpace(baseCurrency);

        var entries = ledger.Entries;
        var count = ledger.CountOnOrBefore(asOf);
        if (count == 0)
        {
            return [];
        }
        var first = entries[0].Date;
        var series = new DailyValue[asOf.DayNumber - first.DayNumber + 1];
        var book = new Book(market, baseCurrency, ledger.TracksCash(asOf));
        var next = 0;
        for (var day = 0; day < series.Length; day++)
        {
            var date = first.AddDays(day);
            book.BeginDay();
            while (next < count && entries[next].Date == date)
            {
                book.Apply(entries[next++]);
            }
            series[day] = new DailyValue(date, book.TotalValue(date), book.DayInflow, book.DayOutflow, book.DayIncome);
        }
        return series;
    }

    private static RangePerformance ComputeRange(
        PerformanceRange range, IReadOnlyList<DailyValue> series, decimal?[] returns, DateOnly asOf)
    {
        if (series.Count == 0)
        {
            return new RangePerformance(range, asOf, asOf, 0, 0, 0, 0, 0, 0, null, null, null, "There are no transactions.");
        }
        var first = series[0].Date;
        var inception = first.AddDays(-1);
        var start = range.BaseDate(asOf, inception);
        if (start < inception) start = inception; // ranges longer than the history are clipped to it
        var days = asOf.DayNumber - start.DayNumber;
        var startValue = start == inception ? 0m : series[start.DayNumber - first.DayNumber].Value;
        var endValue = series[^1].Value;

        var growth = 1m;
        decimal inflow = 0, outflow = 0, income = 0;
        var flows = new List<CashFlow> { new(start, -startValue) };
        for (var i = start.DayNumber - first.DayNumber + 1; i < series.Count; i++)
        {
            var day = series[i];
            growth *= 1 + (returns[i] ?? 0m);
            inflow += day.Inflow;
            outflow += day.Outflow;
            income += day.Income;
            if (day.Inflow != 0) flows.Add(new(day.Date.AddDays(-1), -day.Inflow));
            if (day.Outflow != 0) flows.Add(new(day.Date, day.Outflow));
            if (day.Income != 0) flows.Add(new(day.Date, day.Income));
        }
        flows.Add(new(asOf, endValue));

        var twr = MetricsMath.RoundRatio(growth - 1);
        var xirr = Xirr.Solve(flows);
        decimal? mwr = null;
        if (xirr.Rate is { } rate)
        {
            var span = asOf.DayNumber - flows.Where(f => f.Amount != 0).Min(f => f.Date).DayNumber;
            mwr = MetricsMath.ToRatio(Math.Pow(1 + (double)rate, span / MetricsMath.DaysPerYear) - 1);
        }
        return new RangePerformance(
            range, start, asOf, days, startValue, endValue,
            NetInflow: inflow - outflow,
            Gain: endValue - startValue - inflow + outflow + income,
            TimeWeightedReturn: twr,
            TimeWeightedReturnAnnualised: MetricsMath.Annualise(twr, days),
            MoneyWeightedReturn: mwr,
            MoneyWeightedReturnAnnualised: days >= MetricsMath.DaysPerYear ? xirr.Rate : null,
            MoneyWeightedError: xirr.Error);
    }
}

/// <summary>
/// Daily time-weighted returns. For day t with value V_t, the previous day's value V_{t−1}
/// (0 before the first day), inflow C_t (start of day), outflow W_t (end of day) and paid-out
/// income I_t:  r_t = (V_t + W_t + I_t) / (V_{t−1} + C_t) − 1.
/// Dividends, interest and fees inside the portfolio are not flows, so they are performance.
/// When V_{t−1} + C_t ≤ 0 no capital is at risk and r_t is undefined (null): chained as 0,
/// left out of the risk statistics.
/// </summary>
public static class DailyReturns
{
    public static decimal?[] Compute(IReadOnlyList<DailyValue> series)
    {
        ArgumentNullException.ThrowIfNull(series);
        var returns = new decimal?[series.Count];
        var previous = 0m;
        for (var i = 0; i < series.Count; i++)
        {
            var day = series[i];
            var capital = previous + day.Inflow;
            returns[i] = capital > 0 ? (day.Value + day.Outflow + day.Income) / capital - 1 : null;
            previous = day.Value;
        }
        return returns;
    }
}
