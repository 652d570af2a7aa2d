namespace PortfolioTracker.MarketData.Domain;

/// <summary>Which day's close should exist by now: weekends and known holidays have none.</summary>
public static class TradingCalendar
{
    /// <summary>
    /// The last day before <paramref name="today"/> that was a trading day. Today's own
    /// close is not expected yet (daily data arrives after the close).
    /// </summary>
    public static DateOnly LastCompletedTradingDay(DateOnly today, IReadOnlySet<DateOnly> holidays)
    {
        var day = today.AddDays(-1);
        while (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday || holidays.Contains(day))
        {
            day = day.AddDays(-1);
        }
        return day;
    }

    public static bool IsStale(DateOnly? newestStored, DateOnly today, IReadOnlySet<DateOnly> holidays) =>
        newestStored is not { } newest || newest < LastCompletedTradingDay(today, holidays);
}
