namespace PortfolioTracker.MarketData.Domain;

/// <summary>How a rate was obtained.</summary>
public enum FxDerivation
{
    Identity,
    Stored,
    Inverse,
    Cross,
}
