using PortfolioTracker.Portfolio.Caching;
using PortfolioTracker.ServiceDefaults.Messaging;
using StackExchange.Redis;

namespace PortfolioTracker.Portfolio.Workers;

/// <summary>
/// Retires what new prices make stale, as MarketData announces each stored latest close on
/// <see cref="PriceAnnouncement.Topic"/>: the symbol's closes held in memory from the close's
/// date on and the cached metrics that depend on the symbol (only those). Missed announcements (Redis away) are
/// covered by the caches' age limits.
/// </summary>
public sealed class PriceCacheRetirement(
    IConnectionMultiplexer redis, MetricsCache metrics, MarketSeriesCache series, ILogger<PriceCacheRetirement> logger)
    : TopicListener<PriceAnnouncement>(redis, PriceAnnouncement.Topic, logger)
{
    protected override Task HandleAsync(PriceAnnouncement announcement, CancellationToken cancellationToken)
    {
        series.ForgetCloses(announcement.Symbol, announcement.Date);
        return metrics.InvalidateSymbolAsync(announcement.Symbol, cancellationToken);
    }
}
