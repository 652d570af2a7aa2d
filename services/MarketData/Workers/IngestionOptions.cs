namespace PortfolioTracker.MarketData.Workers;

/// <summary>Bound from <c>MarketData:Ingestion</c>.</summary>
public sealed class IngestionOptions
{
    public const string SectionName = "MarketData:Ingestion";

    /// <summary>How often the worker looks for stale symbols.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(15);
}
