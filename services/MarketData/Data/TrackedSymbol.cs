namespace PortfolioTracker.MarketData.Data;

public sealed record TrackedSymbol(string Symbol, DateOnly? Newest);
