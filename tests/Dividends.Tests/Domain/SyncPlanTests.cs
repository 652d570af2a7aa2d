using PortfolioTracker.Dividends.Domain;

namespace PortfolioTracker.Dividends.Tests.Domain;

/// <summary>What a sync adds, recomputes, removes and leaves alone.</summary>
public sealed class SyncPlanTests
{
    private static readonly Guid Portfolio = Guid.NewGuid();

    private static OwedDividend Owed(string exDate, decimal shares, decimal amount = 0.24m)
    {
        var date = DateOnly.Parse(exDate, System.Globalization.CultureInfo.InvariantCulture);
        var e = new DividendEventInfo("AAPL", date, date.AddDays(7), null, null, amount, "USD", "cash", "import");
        return new OwedDividend(new DividendKey(Portfolio, "AAPL", date, "cash"), e, shares);
    }

    private static StoredDividend Stored(OwedDividend o, string status, decimal? shares = null, string source = "import") =>
        new(Guid.NewGuid(), o.Key, status, source, shares ?? o.Shares, o.Event.Amount, o.Event.Currency, o.Event.PayDate, null, null);

    [Fact]
    public void ANewOwedDividendIsCreatedAndAKnownOneIsUnchanged()
    {
        var known = Owed("2024-02-09", 10);
        var plan = SyncPlan.Build([known, Owed("2024-05-10", 10)], [Stored(known, "pending")]);

        Assert.Single(plan.Create);
        Assert.Equal(new DateOnly(2024, 5, 10), plan.Create[0].Key.ExDate);
        Assert.Empty(plan.Update);
        Assert.Empty(plan.Remove);
        Assert.Equal(1, plan.Unchanged);
    }

    [Fact]
    public void APendingRowWhoseSharesChangedIsRecomputed()
    {
        var owed = Owed("2024-02-09", 15);
        var stored = Stored(owed, "pending", shares: 10);

        var plan = SyncPlan.Build([owed], [stored]);

        Assert.Equal(stored.Id, Assert.Single(plan.Update).Id);
    }

    [Theory]
    [InlineData("confirmed")]
    [InlineData("edited")]
    [InlineData("rejected")]
    public void ADecidedRowIsNeverTouchedEvenWhenTheEntitlementChanged(string status)
    {
        var owed = Owed("2024-02-09", 15);

        var plan = SyncPlan.Build([owed], [Stored(owed, status, shares: 10)]);

        Assert.Empty(plan.Create);
        Assert.Empty(plan.Update);
        Assert.Equal(1, plan.Unchanged);
    }

    [Fact]
    public void APendingRowNoLongerOwedIsRemovedButADecidedOrManualOneStays()
    {
        var pending = Stored(Owed("2024-02-09", 10), "pending");
        var confirmed = Stored(Owed("2024-05-10", 10), "confirmed");
        var manual = Stored(Owed("2024-08-09", 10), "pending", source: "manual");

        var plan = SyncPlan.Build([], [pending, confirmed, manual]);

        Assert.Equal([pending.Id], plan.Remove);
    }

    [Fact]
    public void TheTotalIsAmountTimesSharesUnrounded() =>
        Assert.Equal(0.7329m, Owed("2024-02-09", 3.0537500m, 0.24m).Total);
}
