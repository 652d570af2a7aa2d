namespace PortfolioTracker.MarketData.Providers;

/// <summary>Which budget a rate limit refers to, where the message tells.</summary>
public enum RateLimitScope
{
    Unknown,
    PerMinute,
    PerDay,
}
