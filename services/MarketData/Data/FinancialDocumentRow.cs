namespace PortfolioTracker.MarketData.Data;

public sealed record FinancialDocumentRow(string DataType, DateTime LastUpdated, string Json);
