namespace PortfolioTracker.MarketData.Data;

/// <summary>A currency pair asked for on a date: the key of a latest-rate lookup.</summary>
public sealed record FxPairOnDate(string From, string To, DateOnly Date);
