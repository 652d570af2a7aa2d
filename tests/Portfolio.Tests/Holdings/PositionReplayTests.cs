using PortfolioTracker.Portfolio.Domain.Holdings;

namespace PortfolioTracker.Portfolio.Tests.Holdings;

public class PositionReplayTests
{
    private static LedgerLine Line(TransactionType type, string date, decimal quantity, decimal price, string currency = "USD") =>
        new(Guid.NewGuid(), type, DateOnly.Parse(date), quantity, price, currency);

    [Fact]
    public void BuyBuySellKeepsTheWeightedAverageCost()
    {
        // (10 × 100 + 30 × 120) / 40 = 115; selling 20 leaves 20 at 115.
        var (position, problem) = PositionReplay.Replay([
            Line(TransactionType.Buy, "2024-01-02", 10, 100),
            Line(TransactionType.Buy, "2024-02-01", 30, 120),
            Line(TransactionType.Sell, "2024-03-01", 20, 150),
        ]);

        Assert.Null(problem);
        Assert.Equal(20m, position!.Quantity);
        Assert.Equal(115m, position.AveragePrice);
    }

    [Fact]
    public void AFullCloseThenReBuyStartsAFreshAverage()
    {
        var (position, _) = PositionReplay.Replay([
            Line(TransactionType.Buy, "2024-01-02", 10, 100),
            Line(TransactionType.Sell, "2024-02-01", 10, 130),
            Line(TransactionType.Buy, "2024-03-01", 5, 90),
        ]);

        Assert.Equal(5m, position!.Quantity);
        Assert.Equal(90m, position.AveragePrice);
    }

    [Fact]
    public void ASplitMultipliesSharesAndDividesTheAverage()
    {
        // 10 at 600 = 6000 of cost; 10-for-1 → 100 shares at 60; a later buy of 100 at 80 → 200 at 70.
        var (position, _) = PositionReplay.Replay([
            Line(TransactionType.Buy, "2024-01-02", 10, 600),
            Line(TransactionType.Split, "2024-06-10", 10, 0),
            Line(TransactionType.Buy, "2024-07-01", 100, 80),
        ]);

        Assert.Equal(200m, position!.Quantity);
        Assert.Equal(70m, position.AveragePrice);
    }

    [Fact]
    public void SellingMoreThanHeldNamesTheSale()
    {
        var sale = Line(TransactionType.Sell, "2024-02-01", 11, 100);

        var (position, problem) = PositionReplay.Replay([Line(TransactionType.Buy, "2024-01-02", 10, 100), sale]);

        Assert.Null(position);
        Assert.Equal(sale.Id, problem!.TransactionId);
        Assert.Equal("quantity", problem.Field);
        Assert.Contains("only 10", problem.Description);
    }

    [Fact]
    public void MixingTradeCurrenciesIsAProblem()
    {
        var (_, problem) = PositionReplay.Replay([
            Line(TransactionType.Buy, "2024-01-02", 10, 100, "USD"),
            Line(TransactionType.Buy, "2024-01-03", 10, 100, "EUR"),
        ]);

        Assert.Equal("currency", problem!.Field);
    }

    [Fact]
    public void DividendsAndCashDoNotMakeAPosition()
    {
        var (position, problem) = PositionReplay.Replay([Line(TransactionType.Dividend, "2024-01-02", 10, 1)]);

        Assert.Null(position);
        Assert.Null(problem);
    }

    [Fact]
    public void OnTheSameDayASplitComesBeforeTradesAndBuysBeforeSells()
    {
        Assert.True(LedgerOrder.Rank(TransactionType.Split) < LedgerOrder.Rank(TransactionType.Buy));
        Assert.True(LedgerOrder.Rank(TransactionType.Buy) < LedgerOrder.Rank(TransactionType.Sell));
    }
}
