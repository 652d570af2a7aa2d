using Microsoft.Extensions.Logging.Abstractions;
using PortfolioTracker.Portfolio.Caching;
using PortfolioTracker.Portfolio.Data;
using PortfolioTracker.Protos.Portfolio.V1;
using PortfolioTracker.TestSupport;
using StackExchange.Redis;

namespace PortfolioTracker.Portfolio.Tests.Caching;

public sealed class MetricsCacheTests(CacheStores stores) : IClassFixture<CacheStores>
{
    private static PortfolioSummary Summary(string total) => new() { TotalValue = total, BaseCurrency = "USD" };

    private static Func<Task<MetricsCache.Computed<PortfolioSummary>>> Compute(string total, Action? counted = null) => () =>
    {
        counted?.Invoke();
        return Task.FromResult(new MetricsCache.Computed<PortfolioSummary>(Summary(total), ["AAPL"], () => "{}"));
    };

    private MetricsCache NewCache(IConnectionMultiplexer redis) =>
        new(redis, stores.Database, new MetricsCacheRepository(), new PendingStores(), TimeProvider.System, NullLogger<MetricsCache>.Instance);

    [Fact]
    public async Task ASecondRequestIsServedFromRedisUntilTheUserIsInvalidated()
    {
        await using var redisServer = await RedisServer.StartAsync();
        using var redis = await ConnectionMultiplexer.ConnectAsync(redisServer.ConnectionString);
        var cache = NewCache(redis);
        var (user, claims) = await stores.CreateUserAsync();
        var computations = 0;

        var first = await cache.GetOrComputeAsync(claims, user, "summary:x", PortfolioSummary.Parser, Compute("100", () => computations++), default);
        await cache.StoredAsync(user);
        var second = await cache.GetOrComputeAsync(claims, user, "summary:x", PortfolioSummary.Parser, Compute("999", () => computations++), default);
        await cache.InvalidateUserAsync(user, "transactions changed", default);
        var third = await cache.GetOrComputeAsync(claims, user, "summary:x", PortfolioSummary.Parser, Compute("200", () => computations++), default);
        await cache.FlushHitsAsync(default);

        Assert.Equal(("100", "100", "200"), (first.TotalValue, second.TotalValue, third.TotalValue));
        Assert.Equal(2, computations);
        Assert.Equal(1, await stores.ScalarAsync("select hit_count from portfolio_metrics_cache where user_id = $1", user));
    }

    [Fact]
    public async Task NewPricesRetireOnlyTheEntriesThatDependOnTheSymbol()
    {
        await using var redisServer = await RedisServer.StartAsync();
        using var redis = await ConnectionMultiplexer.ConnectAsync(redisServer.ConnectionString);
        var cache = NewCache(redis);
        var (holder, holderClaims) = await stores.CreateUserAsync();
        var (other, otherClaims) = await stores.CreateUserAsync();
        await cache.GetOrComputeAsync(holderClaims, holder, "summary:x", PortfolioSummary.Parser, Compute("1"), default);
        await cache.GetOrComputeAsync(otherClaims, other, "summary:x", PortfolioSummary.Parser,
            () => Task.FromResult(new MetricsCache.Computed<PortfolioSummary>(Summary("1"), ["MSFT"], () => "{}")), default);

        await cache.InvalidateSymbolAsync("AAPL", default);

        Assert.Equal(1, await stores.ScalarAsync("select count(*) from portfolio_metrics_cache where user_id = $1 and invalidation_reason = 'new prices for AAPL'", holder));
        Assert.Equal(0, await stores.ScalarAsync("select count(*) from portfolio_metrics_cache where user_id = $1 and invalidated_at is not null", other));
    }

    [Fact]
    public async Task WhenRedisIsDownRequestsStillSucceedAndRecoverWhenItReturns()
    {
        var redisServer = await RedisServer.StartAsync();
        var options = ConfigurationOptions.Parse(redisServer.ConnectionString);
        options.AbortOnConnectFail = false;
        options.ConnectTimeout = 500;
        options.AsyncTimeout = 500;
        options.SyncTimeout = 500;
        using var redis = await ConnectionMultiplexer.ConnectAsync(options);
        var cache = NewCache(redis);
        var (user, claims) = await stores.CreateUserAsync();
        var port = redisServer.Port;
        await redisServer.DisposeAsync();
        var computations = 0;

        var whileDown = await cache.GetOrComputeAsync(claims, user, "summary:x", PortfolioSummary.Parser, Compute("100", () => computations++), default);
        var againWhileDown = await cache.GetOrComputeAsync(claims, user, "summary:x", PortfolioSummary.Parser, Compute("100", () => computations++), default);
        await using var restarted = await RedisServer.StartAsync(port);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!redis.IsConnected && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }
        await cache.GetOrComputeAsync(claims, user, "summary:x", PortfolioSummary.Parser, Compute("100", () => computations++), default);
        await cache.StoredAsync(user);
        var cached = await cache.GetOrComputeAsync(claims, user, "summary:x", PortfolioSummary.Parser, Compute("100", () => computations++), default);

        Assert.Equal(("100", "100", "100"), (whileDown.TotalValue, againWhileDown.TotalValue, cached.TotalValue));
        Assert.True(redis.IsConnected);
        Assert.Equal(3, computations); // twice while down, once to refill, then a hit
    }

    [Fact]
    public async Task AnInvalidationRightAfterAnAnswerRetiresTheResultStoredAfterIt()
    {
        await using var redisServer = await RedisServer.StartAsync();
        using var redis = await ConnectionMultiplexer.ConnectAsync(redisServer.ConnectionString);
        var cache = NewCache(redis);
        var (user, claims) = await stores.CreateUserAsync();
        var computations = 0;

        // No wait for the store: the write's invalidation comes while the record may still be on its way.
        await cache.GetOrComputeAsync(claims, user, "summary:x", PortfolioSummary.Parser, Compute("100", () => computations++), default);
        await cache.InvalidateUserAsync(user, "transactions changed", default);
        var live = await stores.ScalarAsync("select count(*) from portfolio_metrics_cache where user_id = $1 and invalidated_at is null", user);
        var retired = await stores.ScalarAsync(
            "select count(*) from portfolio_metrics_cache where user_id = $1 and invalidation_reason = 'transactions changed'", user);
        var after = await cache.GetOrComputeAsync(claims, user, "summary:x", PortfolioSummary.Parser, Compute("200", () => computations++), default);

        Assert.Equal((0, 1), (live, retired));
        Assert.Equal(("200", 2), (after.TotalValue, computations));
    }
}
