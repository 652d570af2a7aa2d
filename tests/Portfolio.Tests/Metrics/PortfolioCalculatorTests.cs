using static PortfolioTracker.Portfolio.Tests.Metrics.MetricsFixtures;

namespace PortfolioTracker.Portfolio.Tests.Metrics;

public class PortfolioCalculatorTests
{
    [Fact]
    public void BuyBuySellUsesTheWeightedAverageCost()
    {
        // Arrange
        var ledger = Ledger(
            Buy("2024-01-02", "AAPL", 10, 100, commission: 1),
            Buy("2024-01-03", "AAPL", 10, 120, commission: 1),
            Sell("2024-01-04", "AAPL", 5, 130, commission: 1));
        var market = Market("AAPL", Closes(("2024-01-05", 125m)));

        // Act
        var summary = PortfolioCalculator.Summarize(ledger, market, "USD", D("2024-01-05"));

        // Assert
        // investment 10×100 + 10×120 = 2200 for 20 shares → average 110.
        // Sell 5: removes 2200 × 5/20 = 550, proceeds 5 × 130 = 650 → realized 100.
        // Held 15 at 110 = 1650; market 15 × 125 = 1875 → unrealized 225; gross 325; fees 3; net 322.
        var aapl = Assert.Single(summary.Positions);
        Assert.Equal(15m, aapl.Quantity);
        Assert.Equal(110m, aapl.AveragePrice);
        Assert.Equal(1650m, aapl.Investment);
        Assert.Equal(125m, aapl.MarketPrice);
        Assert.Equal(1875m, aapl.MarketValue);
        Assert.Equal(100m, aapl.RealizedGain);
        Assert.Equal(225m, aapl.UnrealizedGain);
        Assert.Equal(325m, aapl.GrossPerformance);
        Assert.Equal(3m, aapl.Fees);
        Assert.Equal(322m, aapl.NetPerformance);
        Assert.Equal(1m, aapl.Weight);
        Assert.Equal(1875m, summary.TotalValue);
        Assert.Equal(322m, summary.NetPerformance);
    }

    [Fact]
    public void AFullCloseResetsTheAverageSoARebuyStartsFresh()
    {
        // Arrange
        var ledger = Ledger(
            Buy("2024-01-02", "MSFT", 10, 50),
            Sell("2024-01-10", "MSFT", 10, 60),
            Buy("2024-02-01", "MSFT", 5, 80));
        var market = Market("MSFT", Closes(("2024-02-02", 90m)));

        // Act
        var summary = PortfolioCalculator.Summarize(ledger, market, "USD", D("2024-02-02"));

        // Assert
        // First round trip: 10 × (60 − 50) = 100 realized, investment back to exactly 0.
        // Re-buy 5 × 80 = 400 → average 80 (not a blend with the old 50); unrealized 5 × (90 − 80) = 50.
        var msft = Assert.Single(summary.Positions);
        Assert.Equal(5m, msft.Quantity);
        Assert.Equal(80m, msft.AveragePrice);
        Assert.Equal(400m, msft.Investment);
        Assert.Equal(100m, msft.RealizedGain);
        Assert.Equal(50m, msft.UnrealizedGain);
        Assert.Equal(150m, msft.GrossPerformance);
    }

    [Fact]
    public void SellingInThirdsLeavesNoInvestmentResidue()
    {
        // Arrange: 3 shares for 100 cannot be split into exact thirds in decimal.
        var ledger = Ledger(
            Buy("2024-01-02", "X", 3, 33.34m),
            Sell("2024-01-03", "X", 1, 40),
            Sell("2024-01-04", "X", 2, 40));
        var market = Market("X", Closes(("2024-01-04", 40m)));

        // Act
        var position = Assert.Single(PortfolioCalculator.Summarize(ledger, market, "USD", D("2024-01-04")).Positions);

        // Assert: 3 × 40 − 100.02 = 19.98 realized, investment exactly 0.
        Assert.Equal(0m, position.Quantity);
        Assert.Equal(0m, position.Investment);
        Assert.Equal(19.98m, position.RealizedGain);
    }

    [Fact]
    public void ASplitMultipliesEarlierSharesAndDividesTheirAverageButNotLaterBuys()
    {
        // Arrange
        var ledger = Ledger(
            Buy("2024-01-02", "NVDA", 10, 200),
            Split("2024-02-01", "NVDA", 2),
            Buy("2024-03-01", "NVDA", 5, 110));
        var market = Market("NVDA", Closes(("2024-01-31", 210m), ("2024-03-01", 105m)));

        // Act
        var beforeSplit = PortfolioCalculator.Summarize(ledger, market, "USD", D("2024-01-31"));
        var afterSplit = PortfolioCalculator.Summarize(ledger, market, "USD", D("2024-03-01"));

        // Assert
        // Before: 10 shares, investment 2000, average 200.
        // After: 10 × 2 = 20 shares at 2000 / 20 = 100; then + 5 × 110 = 550 → 25 shares, 2550, average 102.
        // Market 25 × 105 = 2625 → unrealized 75.
        var before = Assert.Single(beforeSplit.Positions);
        Assert.Equal(10m, before.Quantity);
        Assert.Equal(200m, before.AveragePrice);
        var after = Assert.Single(afterSplit.Positions);
        Assert.Equal(25m, after.Quantity);
        Assert.Equal(2550m, after.Investment);
        Assert.Equal(102m, after.AveragePrice);
        Assert.Equal(2625m, after.MarketValue);
        Assert.Equal(75m, after.UnrealizedGain);
    }

    [Fact]
    public void AUsdPositionOfAChfUserCarriesTheCurrencyMoveInItsPerformance()
    {
        // Arrange: USD→CHF 0.90 at the buy, 0.95 at the sale, 0.80 at valuation.
        var ledger = Ledger(
            Buy("2024-01-02", "AAPL", 10, 100),
            Sell("2024-06-03", "AAPL", 4, 110));
        var market = Market("AAPL", Closes(("2024-06-03", 110m), ("2024-12-31", 120m)), "USD", "Technology",
            Fx("USD", "CHF", "2024-01-02", 0.90m),
            Fx("USD", "CHF", "2024-06-03", 0.95m),
            Fx("USD", "CHF", "2024-12-31", 0.80m));

        // Act: 1 January has no close and no rate: the last earlier ones apply.
        var summary = PortfolioCalculator.Summarize(ledger, market, "CHF", D("2025-01-01"));

        // Assert
        // investment: 10 × 100 × 0.90 = 900 CHF; the sale removes 900 × 4/10 = 360.
        // realized: 4 × 110 × 0.95 = 418 − 360 = 58 CHF.
        // held 6, investment 540 CHF (average 90 CHF); price 120 × 0.80 = 96 CHF; value 576 → unrealized 36.
        // Decomposed: price gain at today's FX 6 × (120 − 100) × 0.80 = 96, currency loss on the cost
        // 6 × 100 × (0.80 − 0.90) = −60; 96 − 60 = 36. In USD the position would show +120.
        var aapl = Assert.Single(summary.Positions);
        Assert.Equal(540m, aapl.Investment);
        Assert.Equal(90m, aapl.AveragePrice);
        Assert.Equal(96m, aapl.MarketPrice);
        Assert.Equal(D("2024-12-31"), aapl.MarketPriceDate);
        Assert.Equal(576m, aapl.MarketValue);
        Assert.Equal(58m, aapl.RealizedGain);
        Assert.Equal(36m, aapl.UnrealizedGain);
        Assert.Equal(94m, aapl.GrossPerformance);
        Assert.Equal("USD", aapl.Currency);
        Assert.Equal("CHF", summary.BaseCurrency);
    }

    [Fact]
    public void FeesReduceNetButNotGrossPerformance()
    {
        // Arrange: the same trades without and with costs (2 + 3 commission, a 4 custody FEE on the
        // symbol, a 5 account FEE on the currency).
        var market = Market("AAPL", Closes(("2024-01-05", 110m)));
        var free = Ledger(Buy("2024-01-02", "AAPL", 10, 100), Sell("2024-01-03", "AAPL", 5, 105));
        var costly = Ledger(
            Buy("2024-01-02", "AAPL", 10, 100, commission: 2),
            Sell("2024-01-03", "AAPL", 5, 105, commission: 3),
            Fee("2024-01-04", "AAPL", 4),
            Fee("2024-01-04", "USD", 5));

        // Act
        var withoutFees = PortfolioCalculator.Summarize(free, market, "USD", D("2024-01-05"));
        var withFees = PortfolioCalculator.Summarize(costly, market, "USD", D("2024-01-05"));

        // Assert
        // gross both: realized 5 × 5 = 25 + unrealized 5 × 10 = 50 → 75.
        // position fees 2 + 3 + 4 = 9 → net 66; totals add the account fee: 14 → net 61.
        Assert.Equal(75m, withoutFees.GrossPerformance);
        Assert.Equal(75m, withFees.GrossPerformance);
        Assert.Equal(75m, withoutFees.NetPerformance);
        var position = Assert.Single(withFees.Positions);
        Assert.Equal(9m, position.Fees);
        Assert.Equal(66m, position.NetPerformance);
        Assert.Equal(14m, withFees.Fees);
        Assert.Equal(61m, withFees.NetPerformance);
    }

    [Fact]
    public void DividendsAreReportedApartFromPerformanceAndLandInCash()
    {
        // Arrange
        var ledger = Ledger(
            Deposit("2024-01-02", 2000),
            Buy("2024-01-02", "KO", 10, 100),
            Dividend("2024-03-15", "KO", 10, 0.5m));
        var market = Market("KO", Closes(("2024-03-15", 100m)));

        // Act
        var summary = PortfolioCalculator.Summarize(ledger, market, "USD", D("2024-03-15"));

        // Assert: dividends 10 × 0.5 = 5; price flat so gross = 0; cash 2000 − 1000 + 5 = 1005.
        var ko = Assert.Single(summary.Positions);
        Assert.Equal(5m, ko.Dividends);
        Assert.Equal(0m, ko.GrossPerformance);
        Assert.Equal(5m, summary.Dividends);
        Assert.Equal(0m, summary.GrossPerformance);
        Assert.Equal(1005m, summary.CashBalance);
        Assert.Equal(2005m, summary.TotalValue);
    }

    [Fact]
    public void CashBalanceFollowsEveryFlowAtItsOwnDatesFx()
    {
        // Arrange: a EUR user trading in USD; USD→EUR 0.9 in January, 0.8 from February.
        var ledger = Ledger(
            Deposit("2024-01-02", 2000, "EUR"),
            Buy("2024-01-02", "AAPL", 10, 100, commission: 1),
            Sell("2024-02-01", "AAPL", 5, 110, commission: 1),
            Dividend("2024-02-02", "AAPL", 5, 1),
            Fee("2024-02-03", "EUR", 3, "EUR"),
            Withdrawal("2024-02-05", 100, "EUR"));
        var market = Market("AAPL", Closes(("2024-02-05", 120m)), "USD", "Technology",
            Fx("USD", "EUR", "2024-01-01", 0.9m), Fx("USD", "EUR", "2024-02-01", 0.8m));

        // Act
        var summary = PortfolioCalculator.Summarize(ledger, market, "EUR", D("2024-02-05"));

        // Assert
        // cash = 2000 − (1000 + 1) × 0.9 + (550 − 1) × 0.8 + 5 × 0.8 − 3 − 100
        //      = 2000 − 900.9 + 439.2 + 4 − 3 − 100 = 1439.3
        // holdings 5 × 120 × 0.8 = 480 → total 1919.3; fees 0.9 + 0.8 + 3 = 4.7.
        Assert.True(summary.TracksCash);
        Assert.Equal(1439.3m, summary.CashBalance);
        Assert.Equal(1919.3m, summary.TotalValue);
        Assert.Equal(4.7m, summary.Fees);
        Assert.Equal(4m, summary.Dividends);
    }

    [Fact]
    public void WithoutDepositsCashIsNotTrackedAndTotalValueIsTheHoldings()
    {
        // Arrange
        var ledger = Ledger(Buy("2024-01-02", "AAPL", 10, 100, commission: 1));
        var market = Market("AAPL", Closes(("2024-01-02", 101m)));

        // Act
        var summary = PortfolioCalculator.Summarize(ledger, market, "USD", D("2024-01-02"));

        // Assert: funded from outside, so no −1001 cash balance.
        Assert.False(summary.TracksCash);
        Assert.Equal(0m, summary.CashBalance);
        Assert.Equal(1010m, summary.TotalValue);
    }

    [Fact]
    public void SellingMoreThanHeldNamesTheTransaction()
    {
        // Arrange
        var oversell = Tx(TransactionType.Sell, "2024-01-03", "AAPL", 11, 100);
        var ledger = Ledger(Buy("2024-01-02", "AAPL", 10, 100), oversell);
        var market = Market("AAPL", Closes(("2024-01-03", 100m)));

        // Act
        var error = Assert.Throws<OversoldPositionException>(
            () => PortfolioCalculator.Summarize(ledger, market, "USD", D("2024-01-03")));

        // Assert
        Assert.Equal(oversell.Id, error.TransactionId);
        Assert.Equal(10m, error.Held);
        Assert.Equal(11m, error.Sold);
        Assert.Contains(oversell.Id.ToString(), error.Message);
    }

    [Fact]
    public void SellingASymbolNeverHeldIsAnOversell()
    {
        var ledger = Ledger(Sell("2024-01-03", "AAPL", 1, 100));

        Assert.Throws<OversoldPositionException>(
            () => PortfolioCalculator.Summarize(ledger, Market("AAPL", Closes()), "USD", D("2024-01-03")));
    }

    [Fact]
    public void AMissingFxRateIsAnErrorNotAGuess()
    {
        // Arrange: the only USD→CHF rate is dated after the buy.
        var ledger = Ledger(Buy("2024-01-02", "AAPL", 10, 100));
        var market = Market("AAPL", Closes(("2024-01-02", 100m)), "USD", null, Fx("USD", "CHF", "2024-01-03", 0.9m));

        // Act
        var error = Assert.Throws<MissingFxRateException>(
            () => PortfolioCalculator.Summarize(ledger, market, "CHF", D("2024-01-05")));

        // Assert
        Assert.Equal(("USD", "CHF", D("2024-01-02")), (error.From, error.To, error.Date));
    }

    [Fact]
    public void AnInverseRateAnswersAMissingDirection()
    {
        // Arrange: only CHF→USD 1.25 is stored, so USD→CHF is 0.8.
        var ledger = Ledger(Buy("2024-01-02", "AAPL", 10, 100));
        var market = Market("AAPL", Closes(("2024-01-02", 100m)), "USD", null, Fx("CHF", "USD", "2024-01-01", 1.25m));

        // Act
        var summary = PortfolioCalculator.Summarize(ledger, market, "CHF", D("2024-01-02"));

        // Assert
        Assert.Equal(800m, summary.Investment);
    }

    [Fact]
    public void TransactionsAfterAsOfDoNotCount()
    {
        // Arrange
        var ledger = Ledger(Buy("2024-01-02", "AAPL", 10, 100), Sell("2024-02-01", "AAPL", 10, 150));
        var market = Market("AAPL", Closes(("2024-01-02", 100m), ("2024-01-31", 140m)));

        // Act
        var summary = PortfolioCalculator.Summarize(ledger, market, "USD", D("2024-01-31"));

        // Assert: the sale is a day later, so still 10 held and nothing realized.
        Assert.Equal(10m, summary.Positions[0].Quantity);
        Assert.Equal(0m, summary.RealizedGain);
        Assert.Equal(400m, summary.UnrealizedGain);
    }

    [Fact]
    public void ClosedPositionsStayListedAfterOpenOnesWithTheirRealizedGains()
    {
        // Arrange: input deliberately out of date order.
        var ledger = Ledger(
            Sell("2024-01-05", "AAA", 2, 15),
            Buy("2024-01-02", "AAA", 2, 10),
            Buy("2024-01-02", "BBB", 1, 100),
            Buy("2024-01-02", "CCC", 1, 300));
        var market = new MarketSnapshot(new Dictionary<string, Security>
        {
            ["AAA"] = new("USD", "Energy", Closes(("2024-01-05", 16m))),
            ["BBB"] = new("USD", "Energy", Closes(("2024-01-05", 100m))),
            ["CCC"] = new("USD", "Energy", Closes(("2024-01-05", 300m))),
        }, FxTable.Empty);

        // Act
        var summary = PortfolioCalculator.Summarize(ledger, market, "USD", D("2024-01-05"));

        // Assert: open by value (CCC 300, BBB 100), then the closed AAA with 2 × 5 = 10 realized.
        Assert.Equal(["CCC", "BBB", "AAA"], summary.Positions.Select(p => p.Symbol));
        var closed = summary.Positions[2];
        Assert.Equal(0m, closed.Quantity);
        Assert.Equal(0m, closed.MarketValue);
        Assert.Equal(0m, closed.Weight);
        Assert.Equal(10m, closed.RealizedGain);
        Assert.Equal(0.75m, summary.Positions[0].Weight);
        Assert.Equal(10m, summary.RealizedGain);
    }

    [Fact]
    public void ASymbolWithoutClosesIsValuedAtItsLastTradePrice()
    {
        // Arrange
        var ledger = Ledger(Buy("2024-01-02", "PRIVATE", 4, 25));
        var market = new MarketSnapshot(new Dictionary<string, Security>(), FxTable.Empty);

        // Act
        var position = Assert.Single(PortfolioCalculator.Summarize(ledger, market, "USD", D("2024-01-10")).Positions);

        // Assert
        Assert.Equal(25m, position.MarketPrice);
        Assert.Null(position.MarketPriceDate);
        Assert.Equal(0m, position.UnrealizedGain);
        Assert.Equal(PortfolioCalculator.UnknownSector, position.Sector);
    }

    [Fact]
    public void AnEmptyLedgerGivesZeroTotals()
    {
        var summary = PortfolioCalculator.Summarize(Domain.Metrics.Ledger.Empty, Market("AAPL", Closes()), "USD", D("2024-01-01"));

        Assert.Empty(summary.Positions);
        Assert.Equal(0m, summary.TotalValue);
        Assert.Equal(0m, summary.NetPerformance);
    }
}
