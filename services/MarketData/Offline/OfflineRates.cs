namespace PortfolioTracker.MarketData.Offline;

/// <summary>One <c>fx/FROMTO.csv</c> file: units of <c>To</c> per unit of <c>From</c> by date.</summary>
public sealed record OfflineRates(string From, string To, IReadOnlyList<(DateOnly Date, decimal Rate)> Rates);
