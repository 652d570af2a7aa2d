using PortfolioTracker.ServiceDefaults.Validation;

namespace PortfolioTracker.MarketData.Domain;

/// <summary>
/// Checks a batch of bars before anything is written, mirroring the table's CHECK
/// constraints, so a bad bar is reported with its index and reason and the batch is
/// refused whole.
/// </summary>
public static class BarValidator
{
    public const int MaxBarsPerImport = 20_000;

    public static IReadOnlyList<FieldViolation> Validate(IReadOnlyList<DailyBar> bars, DateOnly today)
    {
        var errors = new List<FieldViolation>();
        if (bars.Count == 0)
        {
            errors.Add(new("bars", "must contain at least one bar."));
        }
        if (bars.Count > MaxBarsPerImport)
        {
            errors.Add(new("bars", $"must contain at most {MaxBarsPerImport} bars per import."));
            return errors;
        }

        var seen = new HashSet<DateOnly>();
        for (var i = 0; i < bars.Count; i++)
        {
            var bar = bars[i];
            var field = $"bars[{i}]";
            if (!seen.Add(bar.Date))
            {
                errors.Add(new($"{field}.date", $"{bar.Date:yyyy-MM-dd} appears more than once."));
            }
            if (bar.Date > today)
            {
                errors.Add(new($"{field}.date", "must not be in the future."));
            }
            if (bar.Low <= 0 || bar.Open <= 0 || bar.High <= 0 || bar.Close <= 0)
            {
                errors.Add(new(field, "open, high, low and close must be greater than 0."));
            }
            else if (bar.Low > bar.High || bar.Open < bar.Low || bar.Open > bar.High || bar.Close < bar.Low || bar.Close > bar.High)
            {
                errors.Add(new(field, "is inconsistent: low <= open, close <= high must hold."));
            }
            // The database's historical_prices_price_range_check: a price beyond any real one
            // would overflow every holder's metrics.
            RequestFields.WithinBounds(bar.Open, NumericBounds.MaxPrice, $"{field}.open", errors);
            RequestFields.WithinBounds(bar.High, NumericBounds.MaxPrice, $"{field}.high", errors);
            RequestFields.WithinBounds(bar.Low, NumericBounds.MaxPrice, $"{field}.low", errors);
            RequestFields.WithinBounds(bar.Close, NumericBounds.MaxPrice, $"{field}.close", errors);
            if (bar.AdjustedClose <= 0)
            {
                errors.Add(new($"{field}.adjustedClose", "must be greater than 0."));
            }
            else
            {
                RequestFields.WithinBounds(bar.AdjustedClose, NumericBounds.MaxPrice, $"{field}.adjustedClose", errors);
            }
            if (bar.Volume < 0)
            {
                errors.Add(new($"{field}.volume", "must not be negative."));
            }
            if (bar.DividendAmount < 0)
            {
                errors.Add(new($"{field}.dividendAmount", "must not be negative."));
            }
            else
            {
                RequestFields.WithinBounds(bar.DividendAmount, NumericBounds.MaxPrice, $"{field}.dividendAmount", errors);
            }
            if (bar.SplitCoefficient <= 0)
            {
                errors.Add(new($"{field}.splitCoefficient", "must be greater than 0."));
            }
            else
            {
                RequestFields.WithinBounds(bar.SplitCoefficient, NumericBounds.MaxSplitRatio, $"{field}.splitCoefficient", errors);
            }
        }
        return errors;
    }
}
