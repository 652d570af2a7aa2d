namespace PortfolioTracker.Portfolio.Domain.Metrics;

public static class PerformanceRanges
{
    public static IReadOnlyList<PerformanceRange> All { get; } = Enum.GetValues<PerformanceRange>();

    /// <summary>The wire names of API.md: 1d, 1w, 1m, ytd, 1y, max.</summary>
    public static string ToWire(this PerformanceRange range) => range switch
    {
        PerformanceRange.OneDay => "1d",
        PerformanceRange.OneWeek => "1w",
        PerformanceRange.OneMonth => "1m",
        PerformanceRange.YearToDate => "ytd",
        PerformanceRange.OneYear => "1y",
        PerformanceRange.Max => "max",
        _ => throw new ArgumentOutOfRangeException(nameof(range)),
    };

    public static bool TryParse(string? text, out PerformanceRange range)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(text?.Trim(), candidate.ToWire(), StringComparison.OrdinalIgnoreCase))
            {
                range = candidate;
                return true;
            }
        }
        range = default;
        return false;
    }

    /// <summary>
    /// The range's base date B: the return runs from the end of B to the end of asOf.
    /// 1d: the weekday before the latest weekday on or before asOf (Tue → Mon, Mon → Fri,
    ///     Sun → Thu, so a weekend shows Friday's move; exchange holidays are not known here);
    /// 1w: asOf − 7 days; 1m: asOf − 1 calendar month (clamped to the month's end);
    /// ytd: 31 December of the previous year; 1y: asOf − 1 year (29 Feb → 28 Feb);
    /// max: the day before the first transaction.
    /// The caller clips B to the day before the first transaction when history is shorter.
    /// </summary>
    public static DateOnly BaseDate(this PerformanceRange range, DateOnly asOf, DateOnly inception) => range switch
    {
        PerformanceRange.OneDay => LatestWeekdayOnOrBefore(LatestWeekdayOnOrBefore(asOf).AddDays(-1)),
        PerformanceRange.OneWeek => asOf.AddDays(-7),
        PerformanceRange.OneMonth => asOf.AddMonths(-1),
        PerformanceRange.YearToDate => new DateOnly(asOf.Year - 1, 12, 31),
        PerformanceRange.OneYear => asOf.AddYears(-1),
        PerformanceRange.Max => inception,
        _ => throw new ArgumentOutOfRangeException(nameof(range)),
    };

    private static DateOnly LatestWeekdayOnOrBefore(DateOnly date)
    {
        while (date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday) date = date.AddDays(-1);
        return date;
    }
}
