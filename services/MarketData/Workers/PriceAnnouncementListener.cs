using PortfolioTracker.MarketData.Application;
using PortfolioTracker.ServiceDefaults.Messaging;
using StackExchange.Redis;

namespace PortfolioTracker.MarketData.Workers;

/// <summary>
/// This replica's one subscription to announced closes (its own and other replicas'), handed
/// to the open price streams in memory.
/// </summary>
public sealed class PriceAnnouncementListener(
    IConnectionMultiplexer redis, PriceStreamHub streams, ILogger<PriceAnnouncementListener> logger)
    : TopicListener<PriceAnnouncement>(redis, PriceAnnouncement.Topic, logger)
{
    protected override Task HandleAsync(PriceAnnouncement message, CancellationToken cancellationToken)
    {
        streams.Deliver(message);
        return Task.CompletedTask;
    }
}
