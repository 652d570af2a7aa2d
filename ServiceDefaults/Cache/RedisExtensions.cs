using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using StackExchange.Redis;

namespace PortfolioTracker.ServiceDefaults.Cache;

public static class RedisExtensions
{
    public const string ConnectionName = "redis";

    /// <summary>
    /// One shared Redis connection. It does not fail the start when Redis is down
    /// (<c>AbortOnConnectFail = false</c>) and reconnects by itself: Redis is a cache and a
    /// message bus here, never the only copy of anything.
    /// </summary>
    public static TBuilder AddRedis<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        var connectionString = builder.Configuration.GetConnectionString(ConnectionName)
            ?? throw new InvalidOperationException($"Connection string '{ConnectionName}' is not configured.");
        var options = ConfigurationOptions.Parse(connectionString);
        options.AbortOnConnectFail = false;
        options.ConnectTimeout = 2000;
        options.SyncTimeout = 1000;
        options.AsyncTimeout = 1000;
        builder.Services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(options));
        return builder;
    }
}
