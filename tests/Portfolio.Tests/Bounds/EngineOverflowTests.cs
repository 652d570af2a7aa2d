using PortfolioTracker.Portfolio.Domain.Holdings;
using PortfolioTracker.ServiceDefaults.Validation;
using static PortfolioTracker.Portfolio.Tests.Metrics.MetricsFixtures;

namespace PortfolioTracker.Portfolio.Tests.Bounds;

/// <summary>
/// Values no validation lets through (rows written around it) overflow decimal; the engines name
/// the transaction instead of throwing an OverflowException that would become a 500.
/// </summary>
public class EngineOverflowTests
{
    [Fact]
    public void ABuyWhoseAmountOverflowsDecimalIsALedgerErrorNamingIt()
    {
        var huge = Buy("2024-01-02", "X", 79_000_000_000_000m, 79_000_000_000_000_000m);
        var market = Market("X", Closes(("2024-01-02", 1m)));

        var error = Assert.Throws<LedgerException>(() => PortfolioCalculator.Summarize(Ledger(huge), market, "USD", D("2024-01-02")));

        Assert.Equal(huge.Id, error.TransactionId);
        Assert.Contains("too large", error.Message);
    }

    [Fact]
    public void ChainedSplitsThatOverflowTheHoldingAreAProblemOfTheirRow()
    {
        var split = new LedgerLine(Guid.NewGuid(), TransactionType.Split, new DateOnly(2024, 3, 1), 1_000_000m, 0, "USD");

        var (holding, problem) = PositionReplay.Replay([
            new LedgerLine(Guid.NewGuid(), TransactionType.Buy, new DateOnly(2024, 1, 2), 1_000_000_000_000m, 1, "USD"),
            new LedgerLine(Guid.NewGuid(), TransactionType.Split, new DateOnly(2024, 2, 1), 1_000_000m, 0, "USD"),
            new LedgerLine(Guid.NewGuid(), TransactionType.Split, new DateOnly(2024, 2, 15), 1_000_000m, 0, "USD"),
            split,
        ]);

        Assert.Null(holding);
        Assert.Equal(split.Id, problem!.TransactionId);
        Assert.Equal("quantity", problem.Field);
    }

    [Fact]
    public void PositionsAtEveryBoundStillSumInsideDecimal()
    {
        // 1e12 shares at 1e9 would be 1e21 per position, over the amount bound: the largest legal
        // trade is 1e15, and a thousand of them valued at the largest price keeps the sums exact.
        var buys = Enumerable.Range(0, 1000).Select(i => Buy("2024-01-02", "S" + i, 1_000_000m, 999_999_999m, commission: 1_000_000m)).ToArray();
        var closes = Closes(("2024-01-02", NumericBounds.MaxPrice));
        var market = Market(buys.Select(b => (b.Symbol, new Security("USD", "Technology", closes))));

        var summary = PortfolioCalculator.Summarize(Ledger(buys), market, "USD", D("2024-01-02"));

        Assert.Equal(1000m * 1_000_000m * NumericBounds.MaxPrice, summary.TotalValue);
    }
}
