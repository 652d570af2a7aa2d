using static PortfolioTracker.Portfolio.Tests.Metrics.MetricsFixtures;

namespace PortfolioTracker.Portfolio.Tests.Metrics;

public class PerformanceCalculatorTests
{
    // Mon 1 … Fri 5 January 2024.
    private static readonly ClosePriceSeries WeekOfCloses = Closes(
        ("2024-01-01", 100m), ("2024-01-02", 110m), ("2024-01-03", 99m), ("2024-01-04", 120m), ("2024-01-05", 126m));

    private static RangePerformance Range(PerformanceReport report, PerformanceRange range) =>
        report.Ranges.Single(r => r.Range == range);

    [Fact]
    public void AOneYearHoldingReturnsTenPercentByBothTwrAndMwr()
    {
        // Arrange: deposit 1000 and buy 10 @ 100 on 1 Jan 2023; close 110 on Fri 29 Dec, carried to Sun 31 Dec.
        var ledger = Ledger(Deposit("2023-01-01", 1000), Buy("2023-01-01", "SPY", 10, 100));
        var market = Market("SPY", Closes(("2023-01-02", 100m), ("2023-12-29", 110m)));

        // Act
        var report = PerformanceCalculator.Compute(ledger, market, "USD", D("2023-12-31"), [PerformanceRange.Max]);

        // Assert: base 31 Dec 2022 (value 0), end 31 Dec 2023 → 365 days; 1100 / 1000 − 1 = 0.1.
        // XIRR: −1000 at the end of 31 Dec 2022 (the deposit's start of day), +1100 365 days later → 0.1.
        var max = Range(report, PerformanceRange.Max);
        Assert.Equal(D("2022-12-31"), max.StartDate);
        Assert.Equal(365, max.Days);
        Assert.Equal(0.1m, max.TimeWeightedReturn);
        Assert.Equal(0.1m, max.TimeWeightedReturnAnnualised);
        Assert.Equal(0.1m, max.MoneyWeightedReturn);
        Assert.Equal(0.1m, max.MoneyWeightedReturnAnnualised);
        Assert.Equal(100m, max.Gain);
        Assert.Equal(365, report.DailyValues.Count);
        Assert.Equal(1100m, report.DailyValues[^1].Value);
    }

    [Fact]
    public void TwrIsUnchangedByWhenDepositsAndWithdrawalsFall()
    {
        // Arrange: both portfolios stay fully invested — money deposited at the start of a day buys
        // at the previous close, money withdrawn at the end of a day comes from a sale at that
        // day's close — so their TWR must be the price return 126 / 100 − 1 = 0.26 whatever the
        // timing of the money.
        var lumpSum = Ledger(Deposit("2024-01-01", 2000), Buy("2024-01-01", "SPY", 20, 100));
        var staggered = Ledger(
            Deposit("2024-01-01", 1000), Buy("2024-01-01", "SPY", 10, 100),
            Deposit("2024-01-03", 990), Buy("2024-01-03", "SPY", 9, 110),
            Sell("2024-01-04", "SPY", 5, 120), Withdrawal("2024-01-04", 600));
        var market = Market("SPY", WeekOfCloses);

        // Act
        var a = Range(PerformanceCalculator.Compute(lumpSum, market, "USD", D("2024-01-05"), [PerformanceRange.Max]), PerformanceRange.Max);
        var b = Range(PerformanceCalculator.Compute(staggered, market, "USD", D("2024-01-05"), [PerformanceRange.Max]), PerformanceRange.Max);

        // Assert
        // staggered by hand: day 2 1100/1000; day 3 (990 in at the start) 19 × 99 / (1100 + 990) = 1881/2090 = 0.9;
        // day 4 (600 out at the end) (14 × 120 + 600)/1881 = 120/99; day 5 14 × 126 / 1680 = 1.05;
        // 1.1 × 0.9 × 120/99 × 1.05 = 1.26.
        Assert.Equal(0.26m, a.TimeWeightedReturn);
        Assert.Equal(0.26m, b.TimeWeightedReturn);
        Assert.NotEqual(a.MoneyWeightedReturn, b.MoneyWeightedReturn); // MWR does see the timing
    }

    [Fact]
    public void WithoutCashTransactionsBuysAndSellsAreFlowsSoTwrIsThePriceReturn()
    {
        // Arrange: no deposits; a buy on Mon, one on Wed at Tue's close (contributions count from the
        // start of their day), a partial sale at Thu's close (withdrawals at the end of theirs).
        var ledger = Ledger(
            Buy("2024-01-01", "SPY", 10, 100), Buy("2024-01-03", "SPY", 9, 110), Sell("2024-01-04", "SPY", 5, 120));
        var market = Market("SPY", WeekOfCloses);

        // Act
        var report = PerformanceCalculator.Compute(ledger, market, "USD", D("2024-01-05"), [PerformanceRange.Max]);

        // Assert: 126 / 100 − 1 (same chain as above); the value is the holdings only: 14 × 126 = 1764.
        Assert.False(report.TracksCash);
        Assert.Equal(0.26m, Range(report, PerformanceRange.Max).TimeWeightedReturn);
        Assert.Equal(1764m, report.DailyValues[^1].Value);
        Assert.Equal(990m, report.DailyValues[2].Inflow);
        Assert.Equal(600m, report.DailyValues[3].Outflow);
    }

    [Fact]
    public void DividendsAndFeesArePerformanceNotFlows()
    {
        // Arrange: flat price 100; +10 dividend on Tue, −4 fee on Wed.
        var ledger = Ledger(
            Deposit("2024-01-01", 1000), Buy("2024-01-01", "SPY", 10, 100),
            Dividend("2024-01-02", "SPY", 10, 1), Fee("2024-01-03", "USD", 4));
        var market = Market("SPY", Closes(("2024-01-01", 100m)));

        // Act
        var max = Range(PerformanceCalculator.Compute(ledger, market, "USD", D("2024-01-03"), [PerformanceRange.Max]), PerformanceRange.Max);

        // Assert: 1010 / 1000 × 1006 / 1010 − 1 = 0.006; gain 1006 − 1000 = 6.
        Assert.Equal(0.006m, max.TimeWeightedReturn);
        Assert.Equal(6m, max.Gain);
        Assert.Equal(1000m, max.NetInflow);
    }

    [Fact]
    public void RangesStartAtTheirDocumentedBaseDatesAndAreClippedToTheHistory()
    {
        // Arrange: history Mon 1 – Fri 5 January 2024.
        var ledger = Ledger(Deposit("2024-01-01", 1000), Buy("2024-01-01", "SPY", 10, 100));
        var market = Market("SPY", WeekOfCloses);

        // Act
        var report = PerformanceCalculator.Compute(ledger, market, "USD", D("2024-01-05"), PerformanceRanges.All);

        // Assert
        // 1d: from Thu's close: 126 / 120 − 1 = 0.05.
        var oneDay = Range(report, PerformanceRange.OneDay);
        Assert.Equal(D("2024-01-04"), oneDay.StartDate);
        Assert.Equal(0.05m, oneDay.TimeWeightedReturn);
        // 1w (29 Dec), ytd (31 Dec), 1y and max all clip to the day before the first transaction.
        foreach (var range in new[] { PerformanceRange.OneWeek, PerformanceRange.YearToDate, PerformanceRange.OneYear, PerformanceRange.Max })
        {
            var result = Range(report, range);
            Assert.Equal(D("2023-12-31"), result.StartDate);
            Assert.Equal(5, result.Days);
            Assert.Equal(0.26m, result.TimeWeightedReturn);
        }
    }

    [Theory]
    [InlineData(PerformanceRange.OneDay, "2024-01-09", "2024-01-08")] // Tue → Mon
    [InlineData(PerformanceRange.OneDay, "2024-01-08", "2024-01-05")] // Mon → Fri
    [InlineData(PerformanceRange.OneDay, "2024-01-07", "2024-01-04")] // Sun → Thu: Friday's move
    [InlineData(PerformanceRange.OneWeek, "2024-01-09", "2024-01-02")]
    [InlineData(PerformanceRange.OneMonth, "2024-03-31", "2024-02-29")]
    [InlineData(PerformanceRange.YearToDate, "2024-06-15", "2023-12-31")]
    [InlineData(PerformanceRange.OneYear, "2024-02-29", "2023-02-28")]
    [InlineData(PerformanceRange.Max, "2024-06-15", "2019-12-31")]
    public void EachRangeHasAPreciseBaseDate(PerformanceRange range, string asOf, string expected) =>
        Assert.Equal(D(expected), range.BaseDate(D(asOf), inception: D("2019-12-31")));

    [Fact]
    public void ReturnsOfRangesShorterThanAYearAreNotAnnualised()
    {
        // Arrange
        var ledger = Ledger(Deposit("2024-01-01", 1000), Buy("2024-01-01", "SPY", 10, 100));
        var market = Market("SPY", WeekOfCloses);

        // Act
        var max = Range(PerformanceCalculator.Compute(ledger, market, "USD", D("2024-01-05"), [PerformanceRange.Max]), PerformanceRange.Max);

        // Assert: 5 days → the period figures only.
        Assert.Equal(0.26m, max.TimeWeightedReturn);
        Assert.Null(max.TimeWeightedReturnAnnualised);
        Assert.NotNull(max.MoneyWeightedReturn);
        Assert.Null(max.MoneyWeightedReturnAnnualised);
    }

    [Fact]
    public void TwoYearReturnsAreAnnualisedGeometrically()
    {
        // Arrange: 1 Jan 2021 → 31 Dec 2022 is 730 days; the price goes 100 → 121.
        var ledger = Ledger(Deposit("2021-01-01", 1000), Buy("2021-01-01", "SPY", 10, 100));
        var market = Market("SPY", Closes(("2021-01-01", 100m), ("2022-12-30", 121m)));

        // Act
        var max = Range(PerformanceCalculator.Compute(ledger, market, "USD", D("2022-12-31"), [PerformanceRange.Max]), PerformanceRange.Max);

        // Assert: TWR 0.21; annualised 1.21^(365/730) − 1 = 0.1; XIRR −1000 / +1210 two years apart → 0.1.
        Assert.Equal(730, max.Days);
        Assert.Equal(0.21m, max.TimeWeightedReturn);
        Assert.Equal(0.1m, max.TimeWeightedReturnAnnualised);
        Assert.Equal(0.1m, max.MoneyWeightedReturnAnnualised);
        Assert.Equal(0.21m, max.MoneyWeightedReturn);
    }

    [Fact]
    public void TheLastDailyValueEqualsTheSummarysTotalValue()
    {
        // Arrange: a CHF user, USD stock, cash, fees, a dividend, FX moving.
        var ledger = Ledger(
            Deposit("2024-01-02", 5000, "CHF"),
            Buy("2024-01-02", "AAPL", 10, 100, commission: 2),
            Dividend("2024-02-15", "AAPL", 10, 0.25m),
            Sell("2024-03-01", "AAPL", 3, 130, commission: 2));
        var market = Market("AAPL", Closes(("2024-01-02", 101m), ("2024-02-15", 120m), ("2024-03-28", 140m)), "USD", "Technology",
            Fx("USD", "CHF", "2024-01-01", 0.88m), Fx("USD", "CHF", "2024-02-01", 0.9m), Fx("USD", "CHF", "2024-03-20", 0.86m));
        var asOf = D("2024-03-31");

        // Act
        var summary = PortfolioCalculator.Summarize(ledger, market, "CHF", asOf);
        var report = PerformanceCalculator.Compute(ledger, market, "CHF", asOf, [PerformanceRange.Max]);

        // Assert
        Assert.Equal(summary.TotalValue, report.DailyValues[^1].Value);
        Assert.Equal(D("2024-01-02"), report.DailyValues[0].Date);
        Assert.Equal(90, report.DailyValues.Count); // 2 Jan … 31 Mar 2024 inclusive
    }

    [Fact]
    public void AnEmptyLedgerHasNoSeriesAndZeroReturns()
    {
        var report = PerformanceCalculator.Compute(Domain.Metrics.Ledger.Empty, Market("SPY", WeekOfCloses), "USD", D("2024-01-05"), PerformanceRanges.All);

        Assert.Empty(report.DailyValues);
        Assert.All(report.Ranges, r => Assert.Equal(0m, r.TimeWeightedReturn));
        Assert.All(report.Ranges, r => Assert.Null(r.MoneyWeightedReturn));
    }

    [Theory]
    [InlineData("1d", PerformanceRange.OneDay)]
    [InlineData("YTD", PerformanceRange.YearToDate)]
    [InlineData(" max ", PerformanceRange.Max)]
    public void RangesParseFromTheirWireNames(string text, PerformanceRange expected)
    {
        Assert.True(PerformanceRanges.TryParse(text, out var range));
        Assert.Equal(expected, range);
        Assert.False(PerformanceRanges.TryParse("2y", out _));
    }
}
