using PortfolioTracker.Dividends.Domain;

namespace PortfolioTracker.Dividends.Tests.Domain;

/// <summary>Shares owed at the close of the day before the ex-date, as a pure function of the ledger.</summary>
public sealed class EntitlementTests
{
    private static readonly DateOnly ExDate = new(2024, 2, 9);

    private static ShareChange Buy(DateOnly date, decimal q) => new(date, ShareChangeKind.Buy, q);

    private static ShareChange Sell(DateOnly date, decimal q) => new(date, ShareChangeKind.Sell, q);

    private static decimal Owed(params ShareChange[] changes) => Entitlement.SharesOwed(changes, [ExDate])[0];

    [Fact]
    public void SharesBoughtOnTheExDateAreNotOwed() =>
        Assert.Equal(10m, Owed(Buy(ExDate.AddDays(-3), 10), Buy(ExDate, 5)));

    [Fact]
    public void SharesSoldTheDayBeforeTheExDateAreNotOwed() =>
        Assert.Equal(0m, Owed(Buy(ExDate.AddDays(-30), 10), Sell(ExDate.AddDays(-1), 10)));

    [Fact]
    public void SharesSoldOnTheExDateAreStillOwed() =>
        Assert.Equal(10m, Owed(Buy(ExDate.AddDays(-30), 10), Sell(ExDate, 10)));

    [Fact]
    public void ASplitBetweenPurchaseAndExDateScalesTheShares() =>
        Assert.Equal(20m, Owed(Buy(ExDate.AddDays(-30), 10), new ShareChange(ExDate.AddDays(-10), ShareChangeKind.Split, 2)));

    [Fact]
    public void ASplitOnTheExDateDoesNotScaleTheSharesOwed() =>
        Assert.Equal(10m, Owed(Buy(ExDate.AddDays(-30), 10), new ShareChange(ExDate, ShareChangeKind.Split, 2)));

    [Fact]
    public void ExDatesInAnyOrderAreAnsweredInTheirOwnOrder()
    {
        ShareChange[] changes = [Buy(new(2024, 1, 2), 10), Buy(new(2024, 4, 2), 10), Sell(new(2024, 7, 2), 5)];

        var owed = Entitlement.SharesOwed(changes, [new(2024, 8, 1), new(2024, 1, 1), new(2024, 5, 1), new(2024, 2, 1)]);

        Assert.Equal([15m, 0m, 20m, 10m], owed);
    }

    [Fact]
    public void ASaleWithinDustOfTheHoldingClosesItExactly() =>
        Assert.Equal(0m, Owed(Buy(ExDate.AddDays(-9), 0.3333333333333333m), Buy(ExDate.AddDays(-8), 0.6666666666666666m), Sell(ExDate.AddDays(-2), 1)));
}
