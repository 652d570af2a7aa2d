namespace PortfolioTracker.MarketData.Offline;

public sealed record OfflinePrices(string Symbol, IReadOnlyList<DailyBar> Bars);
