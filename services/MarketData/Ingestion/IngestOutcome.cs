namespace PortfolioTracker.MarketData.Ingestion;

/// <summary>What ingesting one symbol did, and the newest stored date after it.</summary>
public sealed record IngestOutcome(string Symbol, IngestStatus Status, int BarsUpserted, DateOnly? AsOf, string Message);
