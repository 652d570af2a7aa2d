using PortfolioTracker.Portfolio.Domain.Alerts;
using StackExchange.Redis;

namespace PortfolioTracker.Portfolio.Alerts;

/// <summary>
/// Hands every alert announced on <see cref="AlertChannels.Fired"/> (by any replica) to the
/// streams open on this replica. One Redis subscription per replica, however many streams.
/// </summary>
public sealed class FiredAlertRelay(IConnectionMultiplexer redis, FiredAlertHub hub, ILogger<FiredAlertRelay> logger)
    : RedisChannelListener(redis, logger)
{
    protected override RedisChannel SubscribedChannel => AlertChannels.Fired;

    protected override Task HandleAsync(string message, CancellationToken cancellationToken)
    {
        if (FiredAlert.TryParse(message, out var fired))
        {
            hub.Deliver(fired);
        }
        else
        {
            LogUnreadableMessage();
        }
        return Task.CompletedTask;
    }
}
