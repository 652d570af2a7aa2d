namespace PortfolioTracker.MarketData.Domain;

/// <summary>Where a stored dividend event came from last (<c>dividend_events.source</c>).</summary>
public static class DividendSources
{
    public const string Dataset = "dataset";
    public const string AlphaVantage = "alpha_vantage";
    public const string Import = "import";
}
