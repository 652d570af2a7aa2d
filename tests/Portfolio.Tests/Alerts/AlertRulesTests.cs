using PortfolioTracker.ServiceDefaults.Messaging;

namespace PortfolioTracker.Portfolio.Tests.Alerts;

public class AlertRulesTests
{
    private static readonly DateOnly Today = new(2026, 3, 10);

    private static PriceAlert Alert(string symbol, decimal target, AlertCondition condition, bool active = true) =>
        new(Guid.NewGuid(), symbol, target, condition, active, new DateTime(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc), null, null);

    private static PriceAnnouncement Close(string symbol, decimal close) => new(symbol, Today, close, "USD");

    [Theory]
    [InlineData(AlertCondition.Above, "100", "100.01", true)]
    [InlineData(AlertCondition.Above, "100", "100", true)]
    [InlineData(AlertCondition.Above, "100", "99.99", false)]
    [InlineData(AlertCondition.Below, "100", "99.99", true)]
    [InlineData(AlertCondition.Below, "100", "100", true)]
    [InlineData(AlertCondition.Below, "100", "100.01", false)]
    public void AnAlertFiresWhenTheCloseReachesTheTargetFromItsSide(AlertCondition condition, string target, string close, bool fires)
    {
        Assert.Equal(fires, AlertRules.Fires(condition, decimal.Parse(target), decimal.Parse(close)));
    }

    [Fact]
    public void ACloseFiresOnlyTheActiveCrossedAlertsOfItsOwnSymbol()
    {
        var above = Alert("AAPL", 150m, AlertCondition.Above);
        var belowNotCrossed = Alert("AAPL", 140m, AlertCondition.Below);
        var alreadyFired = Alert("AAPL", 120m, AlertCondition.Above, active: false);
        var otherSymbol = Alert("MSFT", 100m, AlertCondition.Above);

        var fired = AlertRules.FiredBy([above, belowNotCrossed, alreadyFired, otherSymbol], Close("AAPL", 155.5m));

        Assert.Equal([above], fired);
    }

    [Fact]
    public void DecimalTargetsAreComparedExactly()
    {
        var alert = Alert("AAPL", 0.1m + 0.2m, AlertCondition.Above);

        Assert.Single(AlertRules.FiredBy([alert], Close("AAPL", 0.3m)));
        Assert.Empty(AlertRules.FiredBy([alert], Close("AAPL", 0.2999999999m)));
    }

    [Fact]
    public void ClosesFromAWeekAgoStillCountButOlderBackfillDoesNot()
    {
        Assert.True(AlertRules.IsCurrent(Close("AAPL", 1m) with { Date = Today }, Today));
        Assert.True(AlertRules.IsCurrent(Close("AAPL", 1m) with { Date = Today.AddDays(-AlertRules.MaxCloseAgeDays) }, Today));
        Assert.False(AlertRules.IsCurrent(Close("AAPL", 1m) with { Date = Today.AddDays(-AlertRules.MaxCloseAgeDays - 1) }, Today));
    }
}
