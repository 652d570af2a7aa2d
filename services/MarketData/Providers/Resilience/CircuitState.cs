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
