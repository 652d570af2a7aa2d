using System.Text.Json;

namespace PortfolioTracker.MarketData.Providers;

/// <summary>Master data for <c>stocks</c>, plus the provider's whole document for <c>company_financials</c>.</summary>
public sealed record CompanyOverview(
    string Symbol,
    string? Name,
    string? Exchange,
    string? Currency,
    string? Country,
    string? Sector,
    string? Industry,
    JsonElement Raw);
