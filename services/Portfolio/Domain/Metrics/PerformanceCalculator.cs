using System.Runtime.CompilerServices;

namespace PortfolioTracker.Portfolio.Domain.Metrics;

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
        ArgumentNullException.ThrowIfNull(ledger);
        return Compute(DailySeries(ledger, market, baseCurrency, asOf), baseCurrency, ledger.TracksCash(asOf), asOf, ranges);
    }

    /// <summary>The same report from a daily series already at hand (a <see cref="LedgerState"/>'s).</summary>
    public static PerformanceReport Compute(
        IReadOnlyList<DailyValue> series, string baseCurrency, bool tracksCash, DateOnly asOf, IEnumerable<PerformanceRange> ranges)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(ranges);
        // Held with the series: the risk request after this one, or one as of an earlier day of it, reads them again.
        var returns = SeriesReturns.For(series).Daily;
        var results = ranges.Select(range => ComputeRange(range, series, returns, asOf)).ToList();
        return new PerformanceReport(asOf, baseCurrency, tracksCash, series, results);
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
