using System.Text.Json;
using System.Threading.Channels;
using PortfolioTracker.MarketData.Domain;
using StackExchange.Redis;

namespace PortfolioTracker.MarketData.Data;

/// <summary>
/// New prices, announced on Redis pub/sub so every MarketData replica's streams and the
/// Portfolio service (alerts, cache invalidation) hear of them; plus the latest-close cache.
/// Redis being down costs freshness, never correctness: callers fall back to the database.
/// </summary>
public sealed partial class PriceUpdates(IConnectionMultiplexer redis, ILogger<PriceUpdates> logger)
{
    public static readonly RedisChannel Channel = RedisChannel.Literal("marketdata:prices");
    private static readonly TimeSpan LatestTtl = TimeSpan.FromHours(1);

    public async Task PublishAsync(LatestClose close)
    {
        try
        {
            var database = redis.GetDatabase();
            await database.KeyDeleteAsync(LatestKey(close.Symbol));
            await redis.GetSubscriber().PublishAsync(Channel, JsonSerializer.Serialize(close));
        }
        catch (RedisException exception)
        {
            LogRedisUnavailable(logger, exception, "publish");
        }
    }

    public async Task<LatestClose?> GetCachedLatestAsync(string symbol)
    {
        try
        {
            var value = await redis.GetDatabase().StringGetAsync(LatestKey(symbol));
            return value.HasValue ? JsonSerializer.Deserialize<LatestClose>(value.ToString()) : null;
        }
        catch (RedisException exception)
        {
            LogRedisUnavailable(logger, exception, "read");
            return null;
        }
    }

    public async Task CacheLatestAsync(LatestClose close)
    {
        try
        {
            await redis.GetDatabase().StringSetAsync(LatestKey(close.Symbol), JsonSerializer.Serialize(close), LatestTtl);
        }
        catch (RedisException exception)
        {
            LogRedisUnavailable(logger, exception, "write");
        }
    }

    /// <summary>Updates for the given symbols until <paramref name="cancellationToken"/> fires.</summary>
    public async IAsyncEnumerable<LatestClose> SubscribeAsync(
        IReadOnlySet<string> symbols, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var updates = System.Threading.Channels.Channel.CreateBounded<LatestClose>(
            new BoundedChannelOptions(1000) { FullMode = BoundedChannelFullMode.DropOldest });
        var subscriber = redis.GetSubscriber();
        Action<RedisChannel, RedisValue> handler = (_, message) =>
        {
            var close = JsonSerializer.Deserialize<LatestClose>(message.ToString());
            if (close is not null && symbols.Contains(close.Symbol))
            {
                updates.Writer.TryWrite(close);
            }
        };
        await subscriber.SubscribeAsync(Channel, handler);
        try
        {
            await foreach (var update in updates.Reader.ReadAllAsync(cancellationToken))
            {
                yield return update;
            }
        }
        finally
        {
            await subscriber.UnsubscribeAsync(Channel, handler);
        }
    }

    private static RedisKey LatestKey(string symbol) => $"marketdata:latest:{symbol}";

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis unavailable ({Operation}); continuing without it")]
    private static partial void LogRedisUnavailable(ILogger logger, Exception exception, string operation);
}
