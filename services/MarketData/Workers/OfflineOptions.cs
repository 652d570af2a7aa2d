namespace PortfolioTracker.MarketData.Workers;

/// <summary>Bound from <c>MarketData:Offline</c>.</summary>
public sealed class OfflineOptions
{
    public const string SectionName = "MarketData:Offline";

    /// <summary>A dataset folder to load at start (the bundled sample data in development); none when empty.</summary>
    public string? Directory { get; set; }
}
