namespace PortfolioTracker.MarketData.Data;

/// <summary>One stored close with the day's split coefficient, as close series are read.</summary>
public sealed record CloseRow(DateOnly Date, decimal Close, decimal SplitCoefficient);
