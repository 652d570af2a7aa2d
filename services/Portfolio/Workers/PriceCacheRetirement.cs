using PortfolioTracker.Portfolio.Caching;
using PortfolioTracker.ServiceDefaults.Messaging;
using StackExchange.Redis;

namespace PortfolioTracker.Portfolio.Workers;

/// <summary>
/// Retires what new prices make stale, as MarketData announces each stored batch of closes on
/// <see cref="ClosesStored.Topic"/>: the symbol's closes held in memory from the batch's oldest
/// day on (a new bar after the held days retires none of them) and the cached metrics that
/// depend on the symbol (only those). Missed announcements (Redis away) are covered by the
/// caches' age limits.
/// </summary>
public sealed class PriceCacheRetirement(
    IConnectionMultiplexer redis, MetricsCache metrics, MarketSeriesCache series, ILogger<PriceCacheRetirement> logger)
    : TopicListener<ClosesStored>(redis, ClosesStored.Topic, logger)
{
    protected override Task HandleAsync(ClosesStored stored, CancellationToken cancellationToken)
    {
        series.ForgetCloses(stored.Symbol, stored.From);
        return metrics.InvalidateSymbolAsync(stored.Symbol, cancellationToken);
    }
}
