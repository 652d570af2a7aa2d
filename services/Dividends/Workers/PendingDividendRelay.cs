using PortfolioTracker.Dividends.Messaging;
using PortfolioTracker.ServiceDefaults.Messaging;
using StackExchange.Redis;

namespace PortfolioTracker.Dividends.Workers;

/// <summary>
/// Hands every announcement on <see cref="PendingDividendsAppeared.Topic"/> (from any replica's
/// sync) to the streams open on this replica. One Redis subscription per replica.
/// </summary>
public sealed class PendingDividendRelay(IConnectionMultiplexer redis, PendingDividendHub hub, ILogger<PendingDividendRelay> logger)
    : TopicListener<PendingDividendsAppeared>(redis, PendingDividendsAppeared.Topic, logger)
{
    protected override Task HandleAsync(PendingDividendsAppeared appeared, CancellationToken cancellationToken)
    {
        hub.Deliver(appeared);
        return Task.CompletedTask;
    }
}
