namespace PortfolioTracker.MarketData.Ingestion;

/// <summary>How one symbol's ingestion ended: nothing to do, stored, provider unavailable, or refused.</summary>
public enum IngestStatus
{
    Fresh,
    Updated,
    Unavailable,
    Rejected,
}
