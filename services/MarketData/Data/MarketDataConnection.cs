namespace PortfolioTracker.MarketData.Data;

/// <summary>Session settings MarketData's connections need beyond the defaults.</summary>
public static class MarketDataConnection
{
    /// <summary>
    /// Bulk imports stage bars in a temporary table; the default 8 MB of temporary buffers
    /// would spill a large batch to disk first. Memory is taken only by sessions that stage.
    /// </summary>
    public const string StagingOptions = "-c temp_buffers=128MB";
}
