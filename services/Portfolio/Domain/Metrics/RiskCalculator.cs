namespace PortfolioTracker.Portfolio.Domain.Metrics;

/// <summary>
/// Risk statistics, conventions:
/// <list type="bullet">
/// <item>TWR index: L_t = Π_{s ≤ t} (1 + r_s) with r_s from <see cref="DailyReturns"/> (flows excluded;
///   an undefined day counts as 0).</item>
/// <item>Observations: returns between consecutive weekdays of the series, L_wd / L_prev-wd − 1,
///   so weekend days (on which closes are carried) fold into Monday rather than adding zero returns;
///   a period with no defined daily return, or starting from a zero level, is skipped.
///   n weekday levels give at most n − 1 returns. Exchange holidays are not known and count as 0 returns.</item>
/// <item>Volatility: sample standard deviation (n − 1) of those returns; annualised × √252.</item>
/// <item>Sharpe: (mean × 252 − risk-free rate) / (volatility × √252), arithmetic annualisation;
///   null when volatility is 0 or undefined.</item>
/// <item>Max drawdown: min over t of L_t / max_{s ≤ t} L_s − 1 over every series day, a fraction ≤ 0
///   (0 with null dates when the index never falls), with the peak's and the trough's dates.</item>
/// <item>Beta and correlation: over the benchmark's own calendar — for consecutive closes
///   (D0, D1) both inside the series, the benchmark return b = close1/close0 − 1 against the
///   portfolio's p = L(D1) / L(D0) − 1 (L at the last series day on or before D);
///   beta = cov(p, b) / var(b), correlation = cov / (σp σb), sample moments.</item>
/// <item>VaR 95 (historical, 1 day): the 5th percentile q of the observed returns by linear
///   interpolation between order statistics (Excel PERCENTILE.INC, NumPy "linear", Hyndman–Fan 7:
///   h = 0.05 (n − 1), q = x_⌊h⌋ + (h − ⌊h⌋)(x_⌊h⌋+1 − x_⌊h⌋), x sorted ascending, 0-based),
///   reported as the loss max(0, −q).</item>
/// </list>
/// Sums run in double where square roots follow; degeneracy (constant returns) is detected on the
/// exact decimals first, so rounding noise never turns a zero variance into a huge ratio.
/// </summary>
public static class RiskCalculator
{
    public const int TradingDaysPerYear = 252;
    public const decimal VarConfidence = 0.95m;

    /// <param name="dailySeries">Consecutive days in date order, e.g. <see cref="PerformanceReport.DailyValues"/>.</param>
    /// <param name="benchmarkCloses">The benchmark's closes (any currency: only its returns are used), or null.</param>
    /// <param name="riskFreeRate">Annual risk-free rate as a fraction, e.g. 0.02.</param>
    public static RiskReport Compute(IReadOnlyList<DailyValue> dailySeries, ClosePriceSeries? benchmarkCloses, decimal riskFreeRate)
    {
        ArgumentNullException.ThrowIfNull(dailySeries);
        // The index, its defined days, the observations and the drawdown through each day (see SeriesReturns).
        var returns = SeriesReturns.For(dailySeries);
        var days = dailySeries.Count;
        var observations = returns.ObservationsOf(days);
        var (drawdown, peakDay, troughDay) = returns.DrawdownOf(days);
        DateOnly? peak = peakDay is { } p ? dailySeries[p].Date : null;
        DateOnly? trough = troughDay is { } t ? dailySeries[t].Date : null;
        var (beta, correlation, benchmarkCount) = benchmarkCloses is null
            ? (null, null, 0)
            : AgainstBenchmark(dailySeries, returns.Levels, returns.DefinedSoFar, benchmarkCloses);

        decimal? mean = null, volatility = null, annualVolatility = null, sharpe = null, valueAtRisk = null;
        if (observations.Count >= 2)
        {
            var values = observations.Select(r => (double)r).ToArray();
            var meanDaily = values.Average();
            var std = AllEqual(observations) ? 0.0 : Math.Sqrt(SampleCovariance(values, values));
            mean = MetricsMath.ToRatio(meanDaily);
            volatility = MetricsMath.ToRatio(std);
            annualVolatility = MetricsMath.ToRatio(std * Math.Sqrt(TradingDaysPerYear));
            if (std > 0)
            {
                sharpe = MetricsMath.ToRatio(
                    (meanDaily * TradingDaysPerYear - (double)riskFreeRate) / (std * Math.Sqrt(TradingDaysPerYear)));
            }
            valueAtRisk = MetricsMath.RoundRatio(Math.Max(0m, -Percentile(observations, 1 - VarConfidence)));
        }

        return new RiskReport(
            observations.Count, mean, volatility, annualVolatility, riskFreeRate, sharpe,
            MetricsMath.RoundRatio(drawdown), peak, trough, valueAtRisk, benchmarkCount, beta, correlation);
    }

    /// <summary>
    /// Percentile by linear interpolation between order statistics (Hyndman–Fan type 7), in
    /// decimal so a known return set gives an exact answer.
    /// </summary>
    public static decimal Percentile(IReadOnlyCollection<decimal> values, decimal fraction)
    {
        if (values.Count == 0) throw new ArgumentException("No values.", nameof(values));
        var sorted = values.Order().ToArray();
        var h = fraction * (sorted.Length - 1);
        var lower = (int)decimal.Floor(h);
        if (lower >= sorted.Length - 1) return sorted[^1];
        return sorted[lower] + (h - lower) * (sorted[lower + 1] - sorted[lower]);
    }

    private static (decimal? Beta, decimal? Correlation, int Count) AgainstBenchmark(
        IReadOnlyList<DailyValue> series, decimal[] levels, int[] definedSoFar, ClosePriceSeries benchmark)
    {
        var portfolio = new List<decimal>();
        var market = new List<decimal>();
        if (series.Count > 0)
        {
            var first = series[0].Date;
            var last = series[^1].Date;
            // One entry per calendar day (the engine's series): a day's index is its distance from the first.
            var everyDay = last.DayNumber - first.DayNumber == series.Count - 1;
            for (var j = 1; j < benchmark.Count; j++)
            {
                var d0 = benchmark.DateAt(j - 1);
                var d1 = benchmark.DateAt(j);
                if (d0 < first) continue;
                if (d1 > last) break;
                var i0 = everyDay ? d0.DayNumber - first.DayNumber : IndexOnOrBefore(series, d0);
                var i1 = everyDay ? d1.DayNumber - first.DayNumber : IndexOnOrBefore(series, d1);
                if (levels[i0] == 0 || definedSoFar[i1] == definedSoFar[i0]) continue;
                portfolio.Add(levels[i1] / levels[i0] - 1);
                market.Add(benchmark.CloseAt(j) / benchmark.CloseAt(j - 1) - 1);
            }
        }
        if (portfolio.Count < 2) return (null, null, portfolio.Count);

        var p = portfolio.Select(x => (double)x).ToArray();
        var m = market.Select(x => (double)x).ToArray();
        var covariance = SampleCovariance(p, m);
        var marketVariance = AllEqual(market) ? 0.0 : SampleCovariance(m, m);
        var portfolioVariance = AllEqual(portfolio) ? 0.0 : SampleCovariance(p, p);
        decimal? beta = marketVariance > 0 ? MetricsMath.ToRatio(covariance / marketVariance) : null;
        decimal? correlation = marketVariance > 0 && portfolioVariance > 0
            ? MetricsMath.ToRatio(Math.Clamp(covariance / Math.Sqrt(marketVariance * portfolioVariance), -1.0, 1.0))
            : null;
        return (beta, correlation, portfolio.Count);
    }

    private static int IndexOnOrBefore(IReadOnlyList<DailyValue> series, DateOnly date)
    {
        int lo = 0, hi = series.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (series[mid].Date <= date) lo = mid + 1;
            else hi = mid;
        }
        return lo - 1;
    }

    private static double SampleCovariance(double[] x, double[] y)
    {
        double meanX = x.Average(), meanY = y.Average(), sum = 0;
        for (var i = 0; i < x.Length; i++)
        {
            sum += (x[i] - meanX) * (y[i] - meanY);
        }
        return sum / (x.Length - 1);
    }

    private static bool AllEqual(IReadOnlyList<decimal> values)
    {
        for (var i = 1; i < values.Count; i++)
        {
            if (values[i] != values[0]) return false;
        }
        return true;
    }
}
