namespace PortfolioTracker.MarketData.Providers.Resilience;

/// <summary>
/// The breaker as persisted in <c>circuit_breaker_state</c>. While open, the break is
/// measured from <see cref="LastFailureAt"/>: the failure that opened it.
/// </summary>
public sealed record CircuitBreakerSnapshot(
    CircuitState State,
    int ConsecutiveFailures,
    DateTimeOffset? LastFailureAt,
    DateTimeOffset? LastSuccessAt);
