namespace PortfolioTracker.MarketData.Offline;

/// <summary>One <c>prices/SYMBOL.csv</c> file: the symbol's bars in file order.</summary>
public sealed record OfflinePrices(string Symbol, IReadOnlyList<DailyBar> Bars);
