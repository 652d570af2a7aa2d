using System.Text.Json;
using StackExchange.Redis;

namespace PortfolioTracker.MarketData.Caching;

/// <summary>
/// The latest close per symbol "as of today", kept in Redis for an hour because it is what
/// clients poll. Redis being down costs freshness, never correctness: a miss falls back to
/// the database.
/// </summary>
public sealed partial class LatestCloseCache(IConnectionMultiplexer redis, ILogger<LatestCloseCache> logger)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    public async Task<LatestClose?> GetAsync(string symbol)
    {
        try
        {
            var value = await redis.GetDatabase().StringGetAsync(Key(symbol));
            return value.HasValue ? JsonSerializer.Deserialize<LatestClose>(value.ToString()) : null;
        }
        catch (RedisException exception)
        {
            LogRedisUnavailable(logger, exception, "read");
            return null;
        }
    }

    public async Task SetAsync(LatestClose close)
    {
        try
        {
            await redis.GetDatabase().StringSetAsync(Key(close.Symbol), JsonSerializer.Serialize(close), Lifetime);
        }
        catch (RedisException exception)
        {
            LogRedisUnavailable(logger, exception, "write");
        }
    }

    /// <summary>Drops a symbol's entry once newer bars are stored, so the next read sees them.</summary>
    public async Task ForgetAsync(string symbol)
    {
        try
        {
            await redis.GetDatabase().KeyDeleteAsync(Key(symbol));
        }
        catch (RedisException exception)
        {
            LogRedisUnavailable(logger, exception, "delete");
        }
    }

    private static RedisKey Key(string symbol) => $"marketdata:latest:{symbol}";

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis unavailable ({Operation}); continuing without it")]
    private static partial void LogRedisUnavailable(ILogger logger, Exception exception, string operation);
}
