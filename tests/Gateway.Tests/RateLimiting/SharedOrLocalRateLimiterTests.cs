using Microsoft.Extensions.Logging.Abstractions;
using PortfolioTracker.Gateway.RateLimiting;
using StackExchange.Redis;

namespace PortfolioTracker.Gateway.Tests.RateLimiting;

/// <summary>
/// The partitioned limiter disposes a partition's limiter once it reports 10 s of idleness, so a
/// limiter must report the time since its last use through either store: one that looked idle
/// while Redis served it was disposed under requests still waiting on a dying Redis.
/// </summary>
public sealed class SharedOrLocalRateLimiterTests
{
    [Fact]
    public async Task IdleTimeCountsFromTheLastAcquisitionThroughRedis()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        var store = new SharedLimitStore(connection, NullLogger<SharedLimitStore>.Instance);
        using var limiter = new SharedOrLocalRateLimiter($"test:{Guid.NewGuid()}", new GroupLimit(10, TimeSpan.FromMinutes(1)), store);

        await Task.Delay(TimeSpan.FromSeconds(1.5));
        using var lease = await limiter.AcquireAsync(1);

        Assert.True(lease.IsAcquired);
        Assert.True(limiter.IdleDuration < TimeSpan.FromSeconds(1), $"idle for {limiter.IdleDuration} right after an acquisition");
    }

    [Fact]
    public async Task WhileRedisIsGoneAWindowWithUsedPermitsIsNeverIdle()
    {
        var port = FreePort.Next();
        await using var connection = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{port},abortConnect=false,connectTimeout=200");
        var store = new SharedLimitStore(connection, NullLogger<SharedLimitStore>.Instance);
        using var limiter = new SharedOrLocalRateLimiter($"test:{Guid.NewGuid()}", new GroupLimit(10, TimeSpan.FromMinutes(1)), store);
        Assert.NotNull(limiter.IdleDuration);

        using var lease = await limiter.AcquireAsync(1);

        // Disposed now, its replacement would start the window's budget afresh.
        Assert.True(lease.IsAcquired);
        Assert.Null(limiter.IdleDuration);
    }
}
