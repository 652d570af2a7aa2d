namespace PortfolioTracker.MarketData.Providers.Resilience;

public enum CircuitState
{
    /// <summary>Calls flow; consecutive failures are counted.</summary>
    Closed,

    /// <summary>Calls are refused until the break has passed.</summary>
    Open,

    /// <summary>The break has passed: one trial call decides between Closed and Open.</summary>
    HalfOpen,
}

/// <summary>
/// The breaker as persisted in <c>circuit_breaker_state</c>. While open, the break is
/// measured from <see cref="LastFailureAt"/>: the failure that opened it.
/// </summary>
public sealed record CircuitBreakerSnapshot(
    CircuitState State,
    int ConsecutiveFailures,
    DateTimeOffset? LastFailureAt,
    DateTimeOffset? LastSuccessAt);
