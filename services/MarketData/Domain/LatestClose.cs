namespace PortfolioTracker.MarketData.Domain;

/// <summary>The last close of a symbol on or before some date.</summary>
public sealed record LatestClose(string Symbol, DateOnly Date, decimal Close, string Currency);
