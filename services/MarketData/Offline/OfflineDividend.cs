namespace PortfolioTracker.MarketData.Offline;

/// <summary>One line of <c>dividends.csv</c>.</summary>
public sealed record OfflineDividend(DateOnly ExDate, DateOnly? PayDate, decimal Amount, string Currency);
