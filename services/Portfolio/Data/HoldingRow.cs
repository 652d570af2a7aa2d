namespace PortfolioTracker.Portfolio.Data;

public sealed record HoldingRow(Guid PortfolioId, string Symbol, decimal Quantity, decimal? AveragePrice, DateTime UpdatedAt);
