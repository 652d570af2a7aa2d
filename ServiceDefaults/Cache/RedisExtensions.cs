using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace PortfolioTracker.ServiceDefaults.Cache;

public static class RedisExtensions
{
    public const string ConnectionName = "redis";

    /// <summary>
    /// One shared Redis connection through Aspire's client integration (health check and traces
    /// included). It does not fail the start when Redis is down (<c>AbortOnConnectFail = false</c>)
    /// and reconnects by itself: Redis is a cache and a message bus here, never the only copy of
    /// anything. For the same reason an unreachable Redis reports <c>/health</c> as Degraded
    /// (still HTTP 200), so the AppHost and load balancers keep the service in rotation.
    /// </summary>
    public static TBuilder AddRedis<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.AddRedisClient(ConnectionName, configureOptions: options =>
        {
            options.AbortOnConnectFail = false;
            options.ConnectTimeout = 2000;
            options.SyncTimeout = 1000;
            options.AsyncTimeout = 1000;
        });
        builder.Services.Configure<HealthCheckServiceOptions>(health =>
        {
            foreach (var check in health.Registrations.Where(IsRedisCheck))
            {
                check.FailureStatus = HealthStatus.Degraded;
                // Bounded like the client's own timeouts, so an unreachable Redis does not hold up /health.
                check.Timeout = TimeSpan.FromSeconds(2);
            }
        });
        return builder;
    }

    // Aspire names its check after the client library ("StackExchange.Redis", plus the
    // connection name when keyed).
    private static bool IsRedisCheck(HealthCheckRegistration check) =>
        check.Name.StartsWith("StackExchange.Redis", StringComparison.Ordinal);
}
