namespace PortfolioTracker.Portfolio.Domain.Holdings;

/// <summary>The holding a ledger adds up to: quantity and weighted average cost per share in the trade currency.</summary>
public sealed record ReplayedHolding(decimal Quantity, decimal? AveragePrice, string? Currency);
