using PortfolioTracker.Portfolio.Domain.Holdings;
using PortfolioTracker.ServiceDefaults.Validation;
using static PortfolioTracker.Portfolio.Tests.Metrics.MetricsFixtures;

namespace PortfolioTracker.Portfolio.Tests.Bounds;

/// <summary>
/// Broker files round fractional shares: a sale exceeding the holding by no more than
/// NumericBounds.SellDustTolerance closes it exactly in both average-cost engines; more is an oversell.
/// </summary>
public class SellDustTests
{
    private static LedgerLine Line(TransactionType type, string date, decimal quantity, decimal price) =>
        new(Guid.NewGuid(), type, DateOnly.Parse(date), quantity, price, "USD");

    [Fact]
    public void SellingOneOfAThirdPlusTwoThirdsClosesTheHoldingWithNoCostLeft()
    {
        var (holding, problem) = PositionReplay.Replay([
            Line(TransactionType.Buy, "2024-01-02", 0.3333333333333333m, 150),
            Line(TransactionType.Buy, "2024-01-03", 0.6666666666666666m, 150),
            Line(TransactionType.Sell, "2024-02-01", 1m, 160),
        ]);

        Assert.Null(problem);
        Assert.Equal(0m, holding!.Quantity);
        Assert.Null(holding.AveragePrice);
    }

    [Fact]
    public void AReBuyAfterADustCloseStartsAFreshAverage()
    {
        var (holding, _) = PositionReplay.Replay([
            Line(TransactionType.Buy, "2024-01-02", 0.3333333333333333m, 150),
            Line(TransactionType.Buy, "2024-01-03", 0.6666666666666666m, 150),
            Line(TransactionType.Sell, "2024-02-01", 1m, 160),
            Line(TransactionType.Buy, "2024-03-01", 2m, 90),
        ]);

        Assert.Equal(2m, holding!.Quantity);
        Assert.Equal(90m, holding.AveragePrice);
    }

    [Fact]
    public void SellingAMillionthMoreThanHeldIsStillAnOversell()
    {
        var (holding, problem) = PositionReplay.Replay([
            Line(TransactionType.Buy, "2024-01-02", 0.3333333333333333m, 150),
            Line(TransactionType.Buy, "2024-01-03", 0.6666666666666666m, 150),
            Line(TransactionType.Sell, "2024-02-01", 1.000001m, 160),
        ]);

        Assert.Null(holding);
        Assert.Equal("quantity", problem!.Field);
    }

    [Fact]
    public void TheMetricsBookClosesTheSamePositionWithZeroInvestment()
    {
        var ledger = Ledger(
            Buy("2024-01-02", "X", 0.3333333333333333m, 150),
            Buy("2024-01-03", "X", 0.6666666666666666m, 150),
            Sell("2024-02-01", "X", 1m, 160));
        var market = Market("X", Closes(("2024-02-01", 160m)));

        var position = Assert.Single(PortfolioCalculator.Summarize(ledger, market, "USD", D("2024-02-01")).Positions);

        // Cost 149.99999999999999 (the two lots), proceeds 160: the dust does not survive as shares or cost.
        Assert.Equal(0m, position.Quantity);
        Assert.Equal(0m, position.Investment);
        Assert.Equal(160m - 0.9999999999999999m * 150m, position.RealizedGain);
    }

    [Fact]
    public void TheMetricsBookRefusesASaleBeyondTheTolerance()
    {
        var ledger = Ledger(
            Buy("2024-01-02", "X", 0.3333333333333333m, 150),
            Buy("2024-01-03", "X", 0.6666666666666666m, 150),
            Sell("2024-02-01", "X", 1.000001m, 160));
        var market = Market("X", Closes(("2024-02-01", 160m)));

        Assert.Throws<OversoldPositionException>(() => PortfolioCalculator.Summarize(ledger, market, "USD", D("2024-02-01")));
    }
}
