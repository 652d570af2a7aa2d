namespace PortfolioTracker.MarketData.Workers;

/// <summary>Bound from <c>MarketData:ApiCacheCleanup</c>.</summary>
public sealed class ApiCacheCleanupOptions
{
    public const string SectionName = "MarketData:ApiCacheCleanup";

    /// <summary>How often expired provider responses are deleted.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Rows deleted per transaction.</summary>
    public int BatchSize { get; set; } = 1000;
}
