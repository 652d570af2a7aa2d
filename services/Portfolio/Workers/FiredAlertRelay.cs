using PortfolioTracker.Portfolio.Alerts;
using PortfolioTracker.Portfolio.Domain.Alerts;
using PortfolioTracker.ServiceDefaults.Messaging;
using StackExchange.Redis;

namespace PortfolioTracker.Portfolio.Workers;

/// <summary>
/// Hands every alert announced on <see cref="AlertChannels.Fired"/> (by any replica) to the
/// streams open on this replica. One Redis subscription per replica, however many streams.
/// </summary>
public sealed class FiredAlertRelay(IConnectionMultiplexer redis, FiredAlertHub hub, ILogger<FiredAlertRelay> logger)
    : TopicListener<FiredAlert>(redis, AlertChannels.Fired, logger)
{
    protected override Task HandleAsync(FiredAlert fired, CancellationToken cancellationToken)
    {
        hub.Deliver(fired);
        return Task.CompletedTask;
    }
}
