using static PortfolioTracker.Portfolio.Tests.Metrics.MetricsFixtures;

namespace PortfolioTracker.Portfolio.Tests.Metrics;

/// <summary>
/// INTEREST is income and performance exactly like a cash DIVIDEND, reported as its own figure;
/// TAX counts exactly like a FEE.
/// </summary>
public class InterestAndTaxTests
{
    private static readonly MarketSnapshot NoSecurities = Market(Array.Empty<(string, Security)>());

    /// <summary>
    /// Portfolio Performance's own cash-account case (ClientIndexTest.testExcelSample): a cash
    /// account from 31 Dec 2011 to 8 Jan 2012 with deposits, withdrawals, fees and interest. Its
    /// true time-weighted return over the period is −0.056182678 (to its precision of 1e-6).
    /// </summary>
    private static Ledger CashAccount(Func<string, decimal, LedgerEntry> interest) => Ledger(
        Deposit("2011-12-31", 10000m),
        interest("2012-01-01", 230m),
        Deposit("2012-01-02", 200m),
        interest("2012-01-02", 200m),
        Withdrawal("2012-01-03", 400m),
        Fee("2012-01-03", "USD", 234.41m),
        interest("2012-01-04", 293.99m),
        interest("2012-01-05", 293.99m),
        Deposit("2012-01-06", 5400m),
        interest("2012-01-06", 195.99m),
        Withdrawal("2012-01-07", 3697.04m),
        Fee("2012-01-07", "USD", 882.52m),
        Fee("2012-01-08", "USD", 1003.85m));

    private const decimal PortfolioPerformanceTrueTwr = -0.056182678m;

    private static decimal Twr(Ledger ledger, DateOnly asOf) =>
        PerformanceCalculator.Compute(ledger, NoSecurities, "USD", asOf, [PerformanceRange.Max])
            .Ranges.Single(r => r.Range == PerformanceRange.Max).TimeWeightedReturn;

    [Fact]
    public void PortfolioPerformancesCashAccountMatchesWhenInterestIsBookedAsACashDividend()
    {
        var twr = Twr(CashAccount((date, amount) => Dividend(date, "USD", 1, amount)), D("2012-01-08"));

        Assert.InRange(twr, PortfolioPerformanceTrueTwr - 0.000001m, PortfolioPerformanceTrueTwr + 0.000001m);
    }

    [Fact]
    public void PortfolioPerformancesCashAccountMatchesWhenInterestIsBookedAsInterest()
    {
        var asInterest = Twr(CashAccount((date, amount) => Interest(date, amount)), D("2012-01-08"));
        var asDividend = Twr(CashAccount((date, amount) => Dividend(date, "USD", 1, amount)), D("2012-01-08"));

        Assert.InRange(asInterest, PortfolioPerformanceTrueTwr - 0.000001m, PortfolioPerformanceTrueTwr + 0.000001m);
        Assert.Equal(asDividend, asInterest);
    }

    [Fact]
    public void InterestIsItsOwnSummaryFigureBesideDividendsAndLandsInCash()
    {
        var summary = PortfolioCalculator.Summarize(CashAccount((date, amount) => Interest(date, amount)), NoSecurities, "USD", D("2012-01-08"));

        // Interest 230 + 200 + 293.99 + 293.99 + 195.99 = 1213.97; cash = deposits 15600 − withdrawals
        // 4097.04 − fees 2120.78 + interest 1213.97 = 10596.15. No position carries the interest.
        Assert.Equal(1213.97m, summary.Interest);
        Assert.Equal(0m, summary.Dividends);
        Assert.Equal(2120.78m, summary.Fees);
        Assert.Equal(10596.15m, summary.CashBalance);
        Assert.Empty(summary.Positions);
    }

    [Fact]
    public void WithoutCashTrackingInterestIsPerformanceLikeADividend()
    {
        // Flat price 100; 10 shares; +10 income on Tue: 1010 / 1000 − 1 = 0.01 either way.
        var market = Market("SPY", Closes(("2024-01-01", 100m)));
        var withInterest = Ledger(Buy("2024-01-01", "SPY", 10, 100), Interest("2024-01-02", 10m));
        var withDividend = Ledger(Buy("2024-01-01", "SPY", 10, 100), Dividend("2024-01-02", "SPY", 10, 1m));

        var interest = PerformanceCalculator.Compute(withInterest, market, "USD", D("2024-01-02"), [PerformanceRange.Max]).Ranges.Single();
        var dividend = PerformanceCalculator.Compute(withDividend, market, "USD", D("2024-01-02"), [PerformanceRange.Max]).Ranges.Single();

        Assert.Equal(0.01m, interest.TimeWeightedReturn);
        Assert.Equal(dividend.TimeWeightedReturn, interest.TimeWeightedReturn);
        Assert.Equal(dividend.Gain, interest.Gain);
    }

    [Fact]
    public void ATaxCountsExactlyAsAFeeOfTheAccountOrOfThePositionItNames()
    {
        var market = Market("SPY", Closes(("2024-01-01", 100m), ("2024-01-03", 110m)));
        Ledger Book(Func<string, string, decimal, LedgerEntry> charge) => Ledger(
            Deposit("2024-01-01", 1000), Buy("2024-01-01", "SPY", 10, 100),
            charge("2024-01-02", "USD", 4m), charge("2024-01-03", "SPY", 6m));

        var taxed = PortfolioCalculator.Summarize(Book((d, s, a) => Tax(d, s, a)), market, "USD", D("2024-01-03"));
        var feed = PortfolioCalculator.Summarize(Book((d, s, a) => Fee(d, s, a)), market, "USD", D("2024-01-03"));
        var taxedTwr = Twr(Book((d, s, a) => Tax(d, s, a)), market);
        var feedTwr = Twr(Book((d, s, a) => Fee(d, s, a)), market);

        // gross 10 × (110 − 100) = 100; fees 4 (account) + 6 (SPY) = 10; net 90; cash 1000 − 1000 − 10.
        Assert.Equal(10m, taxed.Fees);
        Assert.Equal(6m, Assert.Single(taxed.Positions).Fees);
        Assert.Equal(90m, taxed.NetPerformance);
        Assert.Equal(-10m, taxed.CashBalance);
        Assert.Equal(feed, taxed with { Positions = feed.Positions });
        Assert.Equal(feed.Positions, taxed.Positions);
        Assert.Equal(feedTwr, taxedTwr);
    }

    private static decimal Twr(Ledger ledger, MarketSnapshot market) =>
        PerformanceCalculator.Compute(ledger, market, "USD", D("2024-01-03"), [PerformanceRange.Max]).Ranges.Single().TimeWeightedReturn;
}
