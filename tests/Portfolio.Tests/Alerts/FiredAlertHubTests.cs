using PortfolioTracker.Portfolio.Alerts;

namespace PortfolioTracker.Portfolio.Tests.Alerts;

public class FiredAlertHubTests
{
    private static FiredAlert Fired(Guid userId, string symbol = "AAPL") => new(userId, new PriceAlert(
        Guid.NewGuid(), symbol, 100m, AlertCondition.Above, false, DateTime.UtcNow, DateTime.UtcNow, 101m));

    [Fact]
    public void AFiredAlertReachesEveryWatchOfItsOwnerAndNoOtherUser()
    {
        var hub = new FiredAlertHub();
        var alice = Guid.NewGuid();
        var bob = Guid.NewGuid();
        using var aliceOnPhone = hub.Watch(alice);
        using var aliceOnLaptop = hub.Watch(alice);
        using var bobWatch = hub.Watch(bob);
        var fired = Fired(alice);

        var delivered = hub.Deliver(fired);

        Assert.Equal(2, delivered);
        Assert.True(aliceOnPhone.Messages.TryRead(out var first));
        Assert.True(aliceOnLaptop.Messages.TryRead(out var second));
        Assert.Equal(fired.Alert, first);
        Assert.Equal(fired.Alert, second);
        Assert.False(bobWatch.Messages.TryRead(out _));
    }

    [Fact]
    public void AlertsOfUsersWithoutAWatchGoNowhere()
    {
        var hub = new FiredAlertHub();

        Assert.Equal(0, hub.Deliver(Fired(Guid.NewGuid())));
    }

    [Fact]
    public async Task ADisposedWatchEndsItsStreamAndStopsReceiving()
    {
        var hub = new FiredAlertHub();
        var alice = Guid.NewGuid();
        var watch = hub.Watch(alice);

        watch.Dispose();
        watch.Dispose();

        Assert.Equal(0, hub.Deliver(Fired(alice)));
        Assert.Equal(0, hub.WatchedKeys);
        await watch.Messages.Completion.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void ASlowWatchKeepsTheNewestAlerts()
    {
        var hub = new FiredAlertHub();
        var alice = Guid.NewGuid();
        using var watch = hub.Watch(alice);
        var alerts = Enumerable.Range(0, FiredAlertHub.WatchCapacity + 5).Select(i => Fired(alice, "S" + i)).ToList();

        foreach (var alert in alerts)
        {
            hub.Deliver(alert);
        }

        Assert.True(watch.Messages.TryRead(out var oldestKept));
        Assert.Equal("S5", oldestKept.Symbol);
    }
}
