namespace PortfolioTracker.Dividends.Domain;

/// <summary>
/// How often a symbol pays, inferred from the gaps between its recent ex-dates (the median of
/// the last five): monthly (up to 45 days), quarterly (up to 135), semi-annual (up to 270),
/// otherwise annual. A single payment on record is taken as annual.
/// </summary>
public static class PaymentPattern
{
    /// <summary>Months between payments; null without any payment on record.</summary>
    public static int? MonthsBetween(IReadOnlyList<DateOnly> exDates)
    {
        if (exDates.Count == 0)
        {
            return null;
        }
        var recent = exDates.Order().TakeLast(6).ToList();
        if (recent.Count == 1)
        {
            return 12;
        }
        var gaps = recent.Zip(recent.Skip(1), (a, b) => b.DayNumber - a.DayNumber).Order().ToList();
        var median = gaps[gaps.Count / 2];
        return median switch
        {
            <= 45 => 1,
            <= 135 => 3,
            <= 270 => 6,
            _ => 12,
        };
    }
}
