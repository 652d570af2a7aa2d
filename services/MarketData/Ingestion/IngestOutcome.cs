namespace PortfolioTracker.MarketData.Ingestion;

public sealed record IngestOutcome(string Symbol, IngestStatus Status, int BarsUpserted, DateOnly? AsOf, string Message);
