using static PortfolioTracker.Portfolio.Tests.Metrics.MetricsFixtures;

namespace PortfolioTracker.Portfolio.Tests.Metrics;

public class RiskCalculatorTests
{
    [Fact]
    public void MaxDrawdownIsTheLargestPeakToTroughFallWithItsDates()
    {
        // Arrange: values 100, 120, 90, 130, 65, 80 on Mon 1 … Mon 8 January 2024 (no flows).
        var series = WeekdaySeries("2024-01-01", 100, 120, 90, 130, 65, 80);

        // Act
        var risk = RiskCalculator.Compute(series, null, 0m);

        // Assert: falls 120 → 90 (−25%) and 130 → 65 (−50%): the larger, Thu 4 → Fri 5 January.
        Assert.Equal(-0.5m, risk.MaxDrawdown);
        Assert.Equal(D("2024-01-04"), risk.MaxDrawdownPeak);
        Assert.Equal(D("2024-01-05"), risk.MaxDrawdownTrough);
    }

    [Fact]
    public void AnIndexThatNeverFallsHasNoDrawdown()
    {
        var risk = RiskCalculator.Compute(WeekdaySeries("2024-01-01", 100, 101, 102), null, 0m);

        Assert.Equal(0m, risk.MaxDrawdown);
        Assert.Null(risk.MaxDrawdownPeak);
        Assert.Null(risk.MaxDrawdownTrough);
    }

    [Fact]
    public void DrawdownFollowsTheTwrIndexSoADepositDoesNotHideALoss()
    {
        // Arrange: 100 → 80 (−20%), then +100 deposited at the start of the next day, value 180 (flat).
        var series = new List<DailyValue>
        {
            new(D("2024-01-01"), 100, 100, 0, 0),
            new(D("2024-01-02"), 80, 0, 0, 0),
            new(D("2024-01-03"), 180, 100, 0, 0),
        };

        // Act
        var risk = RiskCalculator.Compute(series, null, 0m);

        // Assert
        Assert.Equal(-0.2m, risk.MaxDrawdown);
    }

    [Fact]
    public void HistoricalVarIsTheInterpolatedFifthPercentileLoss()
    {
        // Arrange: 11 daily returns; sorted: −0.06, −0.04, −0.01, 0, 0.01, 0.01, 0.02, 0.02, 0.03, 0.03, 0.05.
        var series = SeriesFromReturns("2024-01-01", 0.01m, -0.04m, 0.02m, 0.03m, -0.06m, 0m, 0.05m, -0.01m, 0.02m, 0.01m, 0.03m);

        // Act
        var risk = RiskCalculator.Compute(series, null, 0m);

        // Assert: h = 0.05 × (11 − 1) = 0.5 → q = −0.06 + 0.5 × (−0.04 − (−0.06)) = −0.05 → VaR 0.05.
        Assert.Equal(11, risk.Observations);
        Assert.Equal(0.05m, risk.ValueAtRisk95);
    }

    [Fact]
    public void PercentileInterpolatesBetweenOrderStatistics()
    {
        // h = 0.05 × 4 = 0.2 → 1 + 0.2 × (2 − 1) = 1.2; h = 0.5 × 4 = 2 → 3.
        Assert.Equal(1.2m, RiskCalculator.Percentile([5m, 1m, 3m, 2m, 4m], 0.05m));
        Assert.Equal(3m, RiskCalculator.Percentile([5m, 1m, 3m, 2m, 4m], 0.5m));
    }

    [Fact]
    public void VolatilityAndSharpeFollowTheSampleFormulas()
    {
        // Arrange: returns 0.01, −0.01, 0.02, 0 on consecutive weekdays.
        var series = SeriesFromReturns("2024-01-01", 0.01m, -0.01m, 0.02m, 0m);

        // Act
        var risk = RiskCalculator.Compute(series, null, 0.02m);

        // Assert
        // mean 0.005; squared deviations 0.000025 + 0.000225 + 0.000225 + 0.000025 = 0.0005;
        // sample variance 0.0005 / 3; σ = 0.0129099445; annualised σ√252 = 0.2049390153;
        // Sharpe (0.005 × 252 − 0.02) / 0.2049390153 = 6.0505...
        var sigma = Math.Sqrt(0.0005 / 3);
        Assert.Equal(0.005m, risk.MeanDailyReturn);
        Assert.Equal(0.0129099445m, risk.DailyVolatility);
        Assert.Equal(Math.Round((decimal)(sigma * Math.Sqrt(252)), 10), risk.AnnualisedVolatility);
        Assert.Equal(Math.Round((decimal)((0.005 * 252 - 0.02) / (sigma * Math.Sqrt(252))), 10), risk.SharpeRatio);
    }

    [Fact]
    public void WeekendsFoldIntoMondaySoTheyAddNoZeroReturns()
    {
        // Arrange: calendar days Fri 5 … Tue 9 January with the weekend carrying Friday's value.
        var series = new List<DailyValue>
        {
            new(D("2024-01-05"), 100, 0, 0, 0), new(D("2024-01-06"), 100, 0, 0, 0), new(D("2024-01-07"), 100, 0, 0, 0),
            new(D("2024-01-08"), 102, 0, 0, 0), new(D("2024-01-09"), 99.96m, 0, 0, 0),
        };

        // Act
        var risk = RiskCalculator.Compute(series, null, 0m);

        // Assert: two observations, Fri → Mon +0.02 and Mon → Tue −0.02; mean 0.
        Assert.Equal(2, risk.Observations);
        Assert.Equal(0m, risk.MeanDailyReturn);
    }

    [Fact]
    public void APortfolioThatIsTheBenchmarkHasBetaAndCorrelationOne()
    {
        // Arrange: SPY closes on 30 weekdays; the portfolio buys SPY at the first close and holds it.
        var random = new Random(7);
        var price = 400m;
        var closes = Weekdays("2024-01-02", 30)
            .Select(date => (date, price *= 1 + Math.Round((decimal)(random.NextDouble() - 0.5) / 25, 4)))
            .ToList();
        var spy = new ClosePriceSeries(closes);
        var first = closes[0];
        var ledger = Domain.Metrics.Ledger.Create([
            new LedgerEntry(Guid.NewGuid(), Domain.TransactionType.Deposit, "USD", first.date, 10 * first.Item2, 1, 0, "USD"),
            new LedgerEntry(Guid.NewGuid(), Domain.TransactionType.Buy, "SPY", first.date, 10, first.Item2, 0, "USD"),
        ]);
        var series = PerformanceCalculator.DailySeries(ledger, Market("SPY", spy), "USD", closes[^1].date);

        // Act
        var risk = RiskCalculator.Compute(series, spy, 0.02m);

        // Assert: 29 aligned returns, identical on both sides.
        Assert.Equal(29, risk.BenchmarkObservations);
        Assert.Equal(1m, risk.Beta);
        Assert.Equal(1m, risk.Correlation);
    }

    [Fact]
    public void AHalfCashPortfolioMovesAtHalfTheBenchmarksDailyReturnsWhenRebalancedDaily()
    {
        // Arrange: a flow-free series whose daily return is exactly half the benchmark's every day.
        var benchmarkReturns = new[] { 0.02m, -0.01m, 0.03m, -0.02m, 0.01m };
        var benchmark = new List<(DateOnly, decimal)>();
        var values = new List<decimal> { 100m };
        var close = 50m;
        var dates = Weekdays("2024-01-01", 6).ToList();
        benchmark.Add((dates[0], close));
        for (var i = 0; i < benchmarkReturns.Length; i++)
        {
            close *= 1 + benchmarkReturns[i];
            benchmark.Add((dates[i + 1], close));
            values.Add(values[^1] * (1 + benchmarkReturns[i] / 2));
        }
        var series = dates.Select((d, i) => new DailyValue(d, values[i], 0, 0, 0)).ToList();

        // Act
        var risk = RiskCalculator.Compute(series, new ClosePriceSeries(benchmark), 0m);

        // Assert: p = b / 2 → cov = var(b) / 2 → beta 0.5; perfectly correlated.
        Assert.Equal(0.5m, risk.Beta);
        Assert.Equal(1m, risk.Correlation);
    }

    [Fact]
    public void DegenerateSeriesGiveNullsNotNaN()
    {
        // Arrange
        var empty = new List<DailyValue>();
        var oneReturn = WeekdaySeries("2024-01-01", 100, 101);
        var flat = WeekdaySeries("2024-01-01", 100, 100, 100, 100);

        // Act
        var none = RiskCalculator.Compute(empty, Closes(("2024-01-01", 1m), ("2024-01-02", 2m)), 0.02m);
        var single = RiskCalculator.Compute(oneReturn, null, 0.02m);
        var constant = RiskCalculator.Compute(flat, Closes(("2024-01-01", 5m), ("2024-01-02", 5m), ("2024-01-03", 5m), ("2024-01-04", 5m)), 0.02m);

        // Assert
        Assert.Equal(0, none.Observations);
        Assert.Null(none.DailyVolatility);
        Assert.Null(none.Beta);
        Assert.Equal(0m, none.MaxDrawdown);
        Assert.Equal(1, single.Observations);
        Assert.Null(single.DailyVolatility);
        Assert.Null(single.SharpeRatio);
        Assert.Null(single.ValueAtRisk95);
        Assert.Equal(0m, constant.DailyVolatility); // zero variance: volatility 0 …
        Assert.Null(constant.SharpeRatio);           // … and no Sharpe ratio
        Assert.Null(constant.Beta);                  // a constant benchmark has no beta
        Assert.Null(constant.Correlation);
        Assert.Equal(0m, constant.ValueAtRisk95);
    }
}
