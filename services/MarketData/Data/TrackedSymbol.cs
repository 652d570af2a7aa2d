namespace PortfolioTracker.MarketData.Data;

/// <summary>A symbol somebody holds, trades or watches, with its newest stored bar date.</summary>
public sealed record TrackedSymbol(string Symbol, DateOnly? Newest);
