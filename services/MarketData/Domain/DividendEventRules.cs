using PortfolioTracker.ServiceDefaults.Validation;

namespace PortfolioTracker.MarketData.Domain;

/// <summary>
/// What a stored dividend event must satisfy (the CHECKs of <c>dividend_events</c>), so an
/// import is refused field by field and a provider's bad record is skipped before it reaches
/// the table. Field names are relative to the event (<c>amount</c>, <c>payDate</c> …).
/// </summary>
public static class DividendEventRules
{
    public static IEnumerable<FieldViolation> Problems(DeclaredDividend dividend)
    {
        if (dividend.Amount <= 0)
        {
            yield return new("amount", "must be greater than 0.");
        }
        else if (dividend.Amount > NumericBounds.MaxPrice || decimal.Round(dividend.Amount, NumericBounds.MaxDecimalPlaces) != dividend.Amount)
        {
            yield return new("amount", $"must be at most {NumericBounds.MaxPrice} with at most {NumericBounds.MaxDecimalPlaces} decimal places.");
        }
        if (dividend.PayDate is { } pay && pay < dividend.ExDate)
        {
            yield return new("payDate", "must not be before exDate.");
        }
        if (!DividendTypes.All.Contains(dividend.DividendType))
        {
            yield return new("dividendType", "must be cash, stock or drp.");
        }
    }

    /// <summary>One event per (ex-date, type): the last one given wins, as an upsert of each in turn would.</summary>
    public static IReadOnlyList<DeclaredDividend> LastPerKey(IEnumerable<DeclaredDividend> dividends) =>
        [.. dividends
            .GroupBy(d => (d.Symbol, d.ExDate, d.DividendType))
            .Select(g => g.Last())
            .OrderBy(d => d.ExDate)];
}
