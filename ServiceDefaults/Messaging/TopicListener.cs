using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace PortfolioTracker.ServiceDefaults.Messaging;

/// <summary>
/// Handles the messages of one <see cref="RedisTopic{T}"/>, one at a time and in order, for the
/// life of the service. Redis being down at start is retried; once subscribed, the multiplexer
/// restores the subscription by itself after a reconnect. Messages published while Redis is
/// unreachable are lost (pub/sub keeps nothing), which costs timeliness, never stored data.
/// </summary>
public abstract partial class TopicListener<T> : BackgroundService where T : class
{
    private const int InboxCapacity = 10_000;
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(2);

    protected TopicListener(IConnectionMultiplexer redis, RedisTopic<T> topic, ILogger logger)
    {
        Redis = redis;
        Topic = topic;
        Logger = logger;
    }

    protected IConnectionMultiplexer Redis { get; }

    protected RedisTopic<T> Topic { get; }

    protected ILogger Logger { get; }

    /// <summary>Handles one message. An exception is logged and the next message handled.</summary>
    protected abstract Task HandleAsync(T message, CancellationToken cancellationToken);

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
                LogInboxFull(Logger, Topic.Name);
            }
        };

        var subscriber = Redis.GetSubscriber();
        try
        {
            await SubscribeAsync(subscriber, handler, stoppingToken);
            await foreach (var text in inbox.Reader.ReadAllAsync(stoppingToken))
            {
                if (!Topic.TryParse(text.ToString(), out var message))
                {
                    LogUnreadable(Logger, Topic.Name);
                    continue;
                }
                try
                {
                    await HandleAsync(message, stoppingToken);
                }
                catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
                {
                    LogHandlingFailed(Logger, exception, Topic.Name);
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
                await subscriber.UnsubscribeAsync(Topic.Channel, handler);
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
                await subscriber.SubscribeAsync(Topic.Channel, handler);
                LogSubscribed(Logger, Topic.Name);
                return;
            }
            catch (Exception exception) when (exception is RedisException or TimeoutException)
            {
                LogSubscribeFailed(Logger, exception, Topic.Name, RetryDelay.TotalSeconds);
                // Drop the half-made registration so the retry does not add a second handler.
                try
                {
                    await subscriber.UnsubscribeAsync(Topic.Channel, handler);
                }
                catch (Exception cleanup) when (cleanup is RedisException or TimeoutException)
                {
                    // Still unreachable; the local registration is gone all the same.
                }
                await Task.Delay(RetryDelay, stoppingToken);
            }
        }
    }

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
