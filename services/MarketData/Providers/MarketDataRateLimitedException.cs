namespace PortfolioTracker.MarketData.Providers;

/// <summary>A call refused for quota reasons; <see cref="RetryAfter"/> says when the budget frees up.</summary>
public sealed class MarketDataRateLimitedException(RateLimitScope scope, TimeSpan? retryAfter, string message)
    : MarketDataProviderException(MarketDataProviderErrorKind.RateLimited, message)
{
    public RateLimitScope Scope { get; } = scope;

    public TimeSpan? RetryAfter { get; } = retryAfter;
}
