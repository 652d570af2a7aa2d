namespace PortfolioTracker.Portfolio.Data;

/// <summary>Where a page of transactions (newest first) continues.</summary>
public sealed record TransactionCursor(DateOnly Date, Guid Id);
