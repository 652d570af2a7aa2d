namespace PortfolioTracker.MarketData.Offline;

public sealed record OfflineImportResult(int Stocks, int Bars, int Rates, int DividendDocuments, int Holidays);
