using PortfolioTracker.ServiceDefaults.Messaging;
using StackExchange.Redis;

namespace PortfolioTracker.MarketData.Messaging;

/// <summary>
/// Publishes newly stored closes on <see cref="PriceAnnouncement.Topic"/>, so every MarketData
/// replica's price streams and the Portfolio service (alerts) hear of them, and the days each
/// batch stored on <see cref="ClosesStored.Topic"/> (Portfolio's held closes and cached metrics).
/// Redis being down costs timeliness, never stored data: the bars are already committed.
/// </summary>
public sealed partial class PriceAnnouncer(IConnectionMultiplexer redis, ILogger<PriceAnnouncer> logger)
{
    public async Task AnnounceAsync(PriceAnnouncement announcement)
    {
        try
        {
            await PriceAnnouncement.Topic.PublishAsync(redis, announcement);
        }
        catch (RedisException exception)
        {
            LogRedisUnavailable(logger, exception, announcement.Symbol);
        }
    }

    public async Task AnnounceAsync(ClosesStored stored)
    {
        try
        {
            await ClosesStored.Topic.PublishAsync(redis, stored);
        }
        catch (RedisException exception)
        {
            LogRedisUnavailable(logger, exception, stored.Symbol);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis unavailable; the new close of {Symbol} was not announced")]
    private static partial void LogRedisUnavailable(ILogger logger, Exception exception, string symbol);
}
