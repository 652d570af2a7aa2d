using System.Text.Json;

namespace PortfolioTracker.MarketData.Providers;

public sealed record IncomeStatement(string Symbol, IReadOnlyList<AnnualIncomeReport> AnnualReports, JsonElement Raw);
