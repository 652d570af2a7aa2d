using System.Text.Json;
using StackExchange.Redis;

namespace PortfolioTracker.Portfolio.Caching;

/// <summary>
/// Listens for new prices (MarketData publishes each stored latest close on
/// <c>marketdata:prices</c>) to retire the closes held in memory and the metrics that depend
/// on them, and writes the cache's hit counts every few seconds.
/// </summary>
public sealed partial class CacheMaintenance(
    IConnectionMultiplexer redis, MetricsCache cache, MarketSeriesCache series, ILogger<CacheMaintenance> logger) : BackgroundService
{
    private static readonly RedisChannel Prices = RedisChannel.Literal("marketdata:prices");
    private static readonly TimeSpan FlushInterval = TimeSpan.FromSeconds(5);

    private sealed record PriceMessage(string Symbol);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await redis.GetSubscriber().SubscribeAsync(Prices, (channel, message) =>
            {
                var symbol = JsonSerializer.Deserialize<PriceMessage>(message.ToString())?.Symbol;
                if (symbol is not null)
                {
                    series.ForgetCloses(symbol);
                    _ = InvalidateAsync(symbol, stoppingToken);
                }
            });
        }
        catch (RedisException exception)
        {
            LogSubscribeFailed(logger, exception);
        }

        using var timer = new PeriodicTimer(FlushInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await cache.FlushHitsAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogFlushFailed(logger, exception);
            }
        }
    }

    private async Task InvalidateAsync(string symbol, CancellationToken ct)
    {
        try
        {
            await cache.InvalidateSymbolAsync(symbol, ct);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogInvalidateFailed(logger, exception, symbol);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not subscribe to price updates; cached metrics expire by age only")]
    private static partial void LogSubscribeFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Writing metrics cache hit counts failed")]
    private static partial void LogFlushFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Invalidating metrics for {Symbol} failed")]
    private static partial void LogInvalidateFailed(ILogger logger, Exception exception, string symbol);
}
