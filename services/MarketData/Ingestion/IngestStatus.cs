namespace PortfolioTracker.MarketData.Ingestion;

public enum IngestStatus
{
    Fresh,
    Updated,
    Unavailable,
    Rejected,
}
