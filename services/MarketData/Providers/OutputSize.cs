namespace PortfolioTracker.MarketData.Providers;

/// <summary>How much history to ask for: the last ~100 points, or everything (premium-only on some endpoints).</summary>
public enum OutputSize
{
    Compact,
    Full,
}
