namespace PortfolioTracker.MarketData.Providers;

public sealed record AnnualIncomeReport(DateOnly FiscalDateEnding, decimal? TotalRevenue, decimal? NetIncome);
