using StackExchange.Redis;

namespace PortfolioTracker.Portfolio.Alerts;

/// <summary>The Redis pub/sub channels price alerts live on.</summary>
public static class AlertChannels
{
    /// <summary>MarketData announces every newly stored latest close here (its <c>PriceUpdates</c>).</summary>
    public static readonly RedisChannel Prices = RedisChannel.Literal("marketdata:prices");

    /// <summary>Alerts that just fired, one message each, for every Portfolio replica's open streams.</summary>
    public static readonly RedisChannel Fired = RedisChannel.Literal("portfolio:alerts:fired");
}
