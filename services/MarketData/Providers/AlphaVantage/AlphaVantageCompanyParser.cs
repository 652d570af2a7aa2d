using System.Text.Json;
using static PortfolioTracker.MarketData.Providers.AlphaVantage.AlphaVantageJson;

namespace PortfolioTracker.MarketData.Providers.AlphaVantage;

/// <summary>Overview, income statement, dividends and splits: the company-level functions.</summary>
public static class AlphaVantageCompanyParser
{
    public static CompanyOverview Overview(JsonElement root) => new(
        RequiredText(root, "Symbol"),
        OptionalText(root, "Name"),
        OptionalText(root, "Exchange"),
        OptionalText(root, "Currency"),
        OptionalText(root, "Country"),
        OptionalText(root, "Sector"),
        OptionalText(root, "Industry"),
        root.Clone());

    public static IncomeStatement IncomeStatement(JsonElement root)
    {
        var reports = RequiredField(root, "annualReports");
        if (reports.ValueKind != JsonValueKind.Array)
        {
            throw Bad("'annualReports' is not an array");
        }
        return new IncomeStatement(
            RequiredText(root, "symbol"),
            [.. reports.EnumerateArray().Select(report => new AnnualIncomeReport(
                RequiredDate(report, "fiscalDateEnding"),
                OptionalDecimal(report, "totalRevenue"),
                OptionalDecimal(report, "netIncome")))],
            root.Clone());
    }

    /// <summary>Oldest first; older records carry "None" for every date but the ex-date.</summary>
    public static IReadOnlyList<DividendEvent> Dividends(JsonElement root) =>
        [.. Records(root)
            .Select(record => new DividendEvent(
                RequiredDate(record, "ex_dividend_date"),
                OptionalDate(record, "payment_date"),
                OptionalDate(record, "record_date"),
                OptionalDate(record, "declaration_date"),
                RequiredDecimal(record, "amount")))
            .OrderBy(dividend => dividend.ExDate)];

    /// <summary>Oldest first.</summary>
    public static IReadOnlyList<SplitEvent> Splits(JsonElement root) =>
        [.. Records(root)
            .Select(record => new SplitEvent(
                RequiredDate(record, "effective_date"),
                RequiredDecimal(record, "split_factor")))
            .OrderBy(split => split.EffectiveDate)];

    private static JsonElement.ArrayEnumerator Records(JsonElement root)
    {
        var data = RequiredField(root, "data");
        return data.ValueKind == JsonValueKind.Array ? data.EnumerateArray() : throw Bad("'data' is not an array");
    }
}
