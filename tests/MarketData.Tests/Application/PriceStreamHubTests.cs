using PortfolioTracker.MarketData.Application;
using PortfolioTracker.ServiceDefaults.Messaging;

namespace PortfolioTracker.MarketData.Tests.Application;

/// <summary>The in-memory fan-out behind the price streams: a close reaches the streams watching its symbol, and only while they watch.</summary>
public sealed class PriceStreamHubTests
{
    private static PriceAnnouncement Close(string symbol, decimal close = 101.5m) =>
        new(symbol, new DateOnly(2024, 6, 18), close, "USD");

    [Fact]
    public void ACloseReachesEveryStreamWatchingItsSymbolAndNoOther()
    {
        var hub = new PriceStreamHub();
        using var apple = hub.Watch(new HashSet<string> { "AAPL", "MSFT" });
        using var alsoApple = hub.Watch(new HashSet<string> { "AAPL" });
        using var other = hub.Watch(new HashSet<string> { "IBM" });

        var delivered = hub.Deliver(Close("AAPL"));

        Assert.Equal(2, delivered);
        Assert.True(apple.Messages.TryRead(out var first));
        Assert.Equal(Close("AAPL"), first);
        Assert.True(alsoApple.Messages.TryRead(out _));
        Assert.False(other.Messages.TryRead(out _));
    }

    [Fact]
    public void AClosedStreamIsForgottenAndItsReaderEnds()
    {
        var hub = new PriceStreamHub();
        var watch = hub.Watch(new HashSet<string> { "AAPL" });

        watch.Dispose();

        Assert.Equal(0, hub.OpenWatches);
        Assert.Equal(0, hub.Deliver(Close("AAPL")));
        Assert.True(watch.Messages.Completion.IsCompleted);
    }

    [Fact]
    public void ASlowStreamKeepsTheNewestClosesAndDropsTheOldest()
    {
        var hub = new PriceStreamHub();
        using var watch = hub.Watch(new HashSet<string> { "AAPL" });

        for (var i = 1; i <= PriceStreamHub.WatchCapacity + 1; i++)
        {
            hub.Deliver(Close("AAPL", i));
        }

        Assert.True(watch.Messages.TryRead(out var oldestKept));
        Assert.Equal(2m, oldestKept.Close);
        Assert.Equal(PriceStreamHub.WatchCapacity - 1, watch.Messages.Count);
    }
}
