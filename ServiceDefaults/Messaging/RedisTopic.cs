using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using StackExchange.Redis;

namespace PortfolioTracker.ServiceDefaults.Messaging;

/// <summary>
/// A Redis pub/sub channel and the one message record it carries, defined once and shared by
/// publisher and subscribers, so neither side can spell the name or the shape differently.
/// </summary>
public sealed class RedisTopic<T>(string name, Func<T, T?> accept) where T : class
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };

    public RedisChannel Channel { get; } = RedisChannel.Literal(name);

    public string Name => name;

    public string Serialize(T message) => JsonSerializer.Serialize(message, Json);

    /// <summary>
    /// Reads one message; anything malformed, or refused by the topic's acceptance rule, is
    /// reported as false rather than thrown: a bad message must not stop a listener.
    /// </summary>
    public bool TryParse(string? text, [NotNullWhen(true)] out T? message)
    {
        message = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }
        try
        {
            var parsed = JsonSerializer.Deserialize<T>(text, Json);
            message = parsed is null ? null : accept(parsed);
            return message is not null;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    public Task<long> PublishAsync(IConnectionMultiplexer redis, T message) =>
        redis.GetSubscriber().PublishAsync(Channel, Serialize(message));
}
