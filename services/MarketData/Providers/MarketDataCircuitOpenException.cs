namespace PortfolioTracker.MarketData.Providers;

/// <summary>Refused without calling out because the circuit is open; <see cref="RetryAfter"/> is the rest of the break.</summary>
public sealed class MarketDataCircuitOpenException(TimeSpan retryAfter, string message)
    : MarketDataProviderException(MarketDataProviderErrorKind.Unavailable, message)
{
    public TimeSpan RetryAfter { get; } = retryAfter;
}
