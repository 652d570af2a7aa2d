namespace PortfolioTracker.MarketData.Offline;

public sealed record OfflineDividend(DateOnly ExDate, DateOnly? PayDate, decimal Amount, string Currency);
