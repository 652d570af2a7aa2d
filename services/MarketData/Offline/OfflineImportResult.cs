namespace PortfolioTracker.MarketData.Offline;

/// <summary>How many rows of each kind an offline import stored new or changed.</summary>
public sealed record OfflineImportResult(int Stocks, int Bars, int Rates, int DividendDocuments, int Holidays, int DividendEvents);
