using StackExchange.Redis;

namespace PortfolioTracker.Gateway.RateLimiting;

/// <summary>
/// Whether the budgets can be kept in Redis (shared by every gateway instance) right now. An
/// outage and the recovery are each logged once, on the change, not once per request.
/// </summary>
public sealed partial class SharedLimitStore(IConnectionMultiplexer redis, ILogger<SharedLimitStore> logger)
{
    private int _unreachable;

    public IConnectionMultiplexer Redis => redis;

    /// <summary>False while the connection is known to be down: no request waits for a Redis timeout then.</summary>
    public bool IsConnected => redis.IsConnected;

    public void ReportReachable()
    {
        if (Interlocked.Exchange(ref _unreachable, 0) == 1)
        {
            LogRedisBack();
        }
    }

    public void ReportUnreachable(Exception? exception)
    {
        if (Interlocked.Exchange(ref _unreachable, 1) == 0)
        {
            LogRedisDown(exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Redis is unreachable: rate limits are now kept per gateway instance, in memory, until it is back")]
    private partial void LogRedisDown(Exception? exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Redis is reachable again: rate limits are shared by every gateway instance again")]
    private partial void LogRedisBack();
}
