namespace PortfolioTracker.MarketData.Domain;

/// <summary>One stored rate: units of <c>To</c> per unit of <c>From</c> on <c>Date</c>.</summary>
public sealed record StoredRate(string From, string To, DateOnly Date, decimal Rate);
