using System.Text.Json;

namespace PortfolioTracker.MarketData.Providers;

/// <summary>How much history to ask for: the last ~100 points, or everything (premium-only on some endpoints).</summary>
public enum OutputSize
{
    Compact,
    Full,
}

public sealed record FxDailyRate(DateOnly Date, decimal Rate);

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

public sealed record IncomeStatement(string Symbol, IReadOnlyList<AnnualIncomeReport> AnnualReports, JsonElement Raw);

public sealed record AnnualIncomeReport(DateOnly FiscalDateEnding, decimal? TotalRevenue, decimal? NetIncome);

public sealed record DividendEvent(
    DateOnly ExDate,
    DateOnly? PayDate,
    DateOnly? RecordDate,
    DateOnly? DeclarationDate,
    decimal Amount);

/// <summary>A split; non-integer factors can encode spin-offs (IBM 2021-11-04, 1.046 = Kyndryl).</summary>
public sealed record SplitEvent(DateOnly EffectiveDate, decimal SplitFactor);

public sealed record Quote(
    string Symbol,
    decimal Price,
    decimal Open,
    decimal High,
    decimal Low,
    long Volume,
    DateOnly LatestTradingDay,
    decimal PreviousClose,
    decimal Change,
    decimal ChangePercent);
