using PortfolioTracker.MarketData.Providers.Resilience;

namespace PortfolioTracker.MarketData.Providers;

/// <summary>
/// What a provider keeps across restarts: its circuit breaker, how many calls it made
/// per day (the daily quota), and raw responses still fresh enough to reuse.
/// </summary>
public interface IProviderStateStore
{
    Task<CircuitBreakerSnapshot?> LoadBreakerAsync(string service, CancellationToken cancellationToken);

    Task SaveBreakerAsync(string service, CircuitBreakerSnapshot snapshot, CancellationToken cancellationToken);

    Task<int> GetCallCountAsync(string service, DateOnly day, CancellationToken cancellationToken);

    /// <summary>Counts one outgoing call and returns the day's total (every replica's calls included).</summary>
    Task<int> RecordCallAsync(string service, DateOnly day, CancellationToken cancellationToken);

    /// <summary>The cached JSON for <paramref name="cacheKey"/> if it has not expired at <paramref name="now"/>.</summary>
    Task<string?> GetCachedAsync(string cacheKey, DateTimeOffset now, CancellationToken cancellationToken);

    Task SetCachedAsync(string cacheKey, string json, DateTimeOffset now, DateTimeOffset expiresAt, CancellationToken cancellationToken);
}
