using System.Threading.Channels;
using StackExchange.Redis;

namespace PortfolioTracker.Portfolio.Alerts;

/// <summary>
/// Handles the messages of one Redis channel, one at a time and in order, for the life of the
/// service. Redis being down at start is retried; once subscribed, the multiplexer restores the
/// subscription by itself after a reconnect. Messages published while Redis is unreachable are
/// lost (pub/sub keeps nothing), which costs timeliness, never stored data.
/// </summary>
public abstract partial class RedisChannelListener : BackgroundService
{
    private const int InboxCapacity = 10_000;
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(2);

    protected RedisChannelListener(IConnectionMultiplexer redis, ILogger logger)
    {
        Redis = redis;
        Logger = logger;
    }

    protected IConnectionMultiplexer Redis { get; }

    protected ILogger Logger { get; }

    protected abstract RedisChannel SubscribedChannel { get; }

    /// <summary>Handles one message. An exception is logged and the next message handled.</summary>
    protected abstract Task HandleAsync(string message, CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The Redis callback only queues: handling (database work) must not hold up its reader.
        var inbox = Channel.CreateBounded<RedisValue>(new BoundedChannelOptions(InboxCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        Action<RedisChannel, RedisValue> handler = (_, message) =>
        {
            if (!inbox.Writer.TryWrite(message))
            {
                LogInboxFull(Logger, SubscribedChannel.ToString());
            }
        };

        var subscriber = Redis.GetSubscriber();
        try
        {
            await SubscribeAsync(subscriber, handler, stoppingToken);
            await foreach (var message in inbox.Reader.ReadAllAsync(stoppingToken))
            {
                try
                {
                    await HandleAsync(message.ToString(), stoppingToken);
                }
                catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
                {
                    LogHandlingFailed(Logger, exception, SubscribedChannel.ToString());
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
        finally
        {
            try
            {
                await subscriber.UnsubscribeAsync(SubscribedChannel, handler);
            }
            catch (Exception exception) when (exception is RedisException or TimeoutException)
            {
                // Redis is gone anyway; the subscription goes with the connection.
            }
        }
    }

    private async Task SubscribeAsync(ISubscriber subscriber, Action<RedisChannel, RedisValue> handler, CancellationToken stoppingToken)
    {
        while (true)
        {
            try
            {
                await subscriber.SubscribeAsync(SubscribedChannel, handler);
                LogSubscribed(Logger, SubscribedChannel.ToString());
                return;
            }
            catch (Exception exception) when (exception is RedisException or TimeoutException)
            {
                LogSubscribeFailed(Logger, exception, SubscribedChannel.ToString(), RetryDelay.TotalSeconds);
                // Drop the half-made registration so the retry does not add a second handler.
                try
                {
                    await subscriber.UnsubscribeAsync(SubscribedChannel, handler);
                }
                catch (Exception cleanup) when (cleanup is RedisException or TimeoutException)
                {
                    // Still unreachable; the local registration is gone all the same.
                }
                await Task.Delay(RetryDelay, stoppingToken);
            }
        }
    }

    /// <summary>For subclasses: a message that is not what the channel's publisher sends.</summary>
    protected void LogUnreadableMessage() => LogUnreadable(Logger, SubscribedChannel.ToString());

    [LoggerMessage(Level = LogLevel.Information, Message = "Subscribed to Redis channel {Channel}")]
    private static partial void LogSubscribed(ILogger logger, string channel);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cannot subscribe to Redis channel {Channel}; retrying in {DelaySeconds} s")]
    private static partial void LogSubscribeFailed(ILogger logger, Exception exception, string channel, double delaySeconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dropped a message of Redis channel {Channel}: too many waiting")]
    private static partial void LogInboxFull(ILogger logger, string channel);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ignored an unreadable message on Redis channel {Channel}")]
    private static partial void LogUnreadable(ILogger logger, string channel);

    [LoggerMessage(Level = LogLevel.Error, Message = "Handling a message of Redis channel {Channel} failed")]
    private static partial void LogHandlingFailed(ILogger logger, Exception exception, string channel);
}
