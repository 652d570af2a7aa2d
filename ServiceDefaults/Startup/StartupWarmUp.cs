using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using StackExchange.Redis;

namespace PortfolioTracker.ServiceDefaults.Startup;

/// <summary>
/// A service's warm-up at start: opens the database connection pool and the Redis connection, then
/// runs the service's own hot paths once (<see cref="WarmAsync"/>) on synthetic input, never on a
/// user's data (no user token exists then). It runs in <see cref="StartAsync"/>, and hosted services
/// registered with the application start before the server listens, so neither the readiness
/// check (<c>/health</c>, what the AppHost's <c>WaitFor</c> waits for) nor the gateway's probe nor
/// any request reaches the process before it is warm: the first request after a restart does not
/// pay for the first connections and the first compilation of its code. It never fails the start:
/// a database that is not up yet is retried within <see cref="WarmUpOptions.Limit"/>, after which
/// (or on any error) the service listens cold and logs why.
/// </summary>
public abstract partial class StartupWarmUp(
    NpgsqlDataSource dataSource, IConnectionMultiplexer redis, IOptions<WarmUpOptions> options, ILogger logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            return;
        }
        var clock = Stopwatch.StartNew();
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(settings.Limit);
        try
        {
            // Bounded even where a step does not honour the token: the start never waits past the limit.
            var opened = await WarmUpAsync(settings.Connections, limit.Token).WaitAsync(limit.Token);
            LogWarm(logger, clock.Elapsed.TotalMilliseconds, opened.TotalMilliseconds);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            LogCut(logger, settings.Limit.TotalSeconds);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogFailed(logger, exception);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The pool, Redis, then the service's own paths; answers how long the pool took to open.</summary>
    private async Task<TimeSpan> WarmUpAsync(int connections, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        await OpenPoolAsync(connections, ct);
        var opened = clock.Elapsed;
        await PingRedisAsync();
        await WarmAsync(ct);
        return opened;
    }

    /// <summary>The service's hot paths, run once on synthetic input (no user's data).</summary>
    protected abstract Task WarmAsync(CancellationToken ct);

    /// <summary>
    /// Opens <paramref name="connections"/> pooled connections at once (each authenticates and runs a
    /// statement), retrying while the database refuses them; they stay in the pool, idle.
    /// </summary>
    private async Task OpenPoolAsync(int connections, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await Task.WhenAll(Enumerable.Range(0, connections).Select(async _ =>
                {
                    await using var connection = await dataSource.OpenConnectionAsync(ct);
                    await using var command = new NpgsqlCommand("select 1", connection);
                    await command.ExecuteScalarAsync(ct);
                }));
                return;
            }
            catch (Exception exception) when (exception is NpgsqlException or TimeoutException && !ct.IsCancellationRequested)
            {
                if (attempt == 1)
                {
                    LogDatabaseNotReady(logger, exception.Message);
                }
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(2000, 200 * attempt)), ct);
            }
        }
    }

    /// <summary>Redis is a cache here: when it does not answer, the service starts without it, as it runs without it.</summary>
    private async Task PingRedisAsync()
    {
        try
        {
            await redis.GetDatabase().PingAsync();
        }
        catch (RedisException exception)
        {
            LogRedisNotReady(logger, exception.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Warm before listening after {Milliseconds:F0} ms (database pool open after {PoolMilliseconds:F0} ms)")]
    private static partial void LogWarm(ILogger logger, double milliseconds, double poolMilliseconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Warm-up cut after {Seconds} s; listening cold")]
    private static partial void LogCut(ILogger logger, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Warm-up failed; listening cold")]
    private static partial void LogFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Warm-up: the database does not accept connections yet ({Reason}); retrying")]
    private static partial void LogDatabaseNotReady(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Warm-up: Redis does not answer ({Reason}); starting without it")]
    private static partial void LogRedisNotReady(ILogger logger, string reason);
}

public static class StartupWarmUpExtensions
{
    /// <summary>
    /// Registers <typeparamref name="TWarmUp"/> with its options. Call it after the service's other
    /// hosted services: it then starts last, while they begin their work, and still before the server.
    /// </summary>
    public static IServiceCollection AddStartupWarmUp<TWarmUp>(this IServiceCollection services) where TWarmUp : StartupWarmUp
    {
        services.AddOptions<WarmUpOptions>().BindConfiguration(WarmUpOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddHostedService<TokenValidationWarmUp>();
        return services.AddHostedService<TWarmUp>();
    }
}
