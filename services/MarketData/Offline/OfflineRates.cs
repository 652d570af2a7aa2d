namespace PortfolioTracker.MarketData.Offline;

public sealed record OfflineRates(string From, string To, IReadOnlyList<(DateOnly Date, decimal Rate)> Rates);
