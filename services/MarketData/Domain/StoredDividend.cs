namespace PortfolioTracker.MarketData.Domain;

/// <summary>A stored dividend event and when its row was inserted or last changed.</summary>
public sealed record StoredDividend(DeclaredDividend Dividend, DateTime UpdatedAt);
