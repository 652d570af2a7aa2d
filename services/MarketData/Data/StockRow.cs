namespace PortfolioTracker.MarketData.Data;

public sealed record StockRow(
    string Symbol, string? CompanyName, string? Exchange, string Currency, string? Sector, string? Industry, string? Country);
