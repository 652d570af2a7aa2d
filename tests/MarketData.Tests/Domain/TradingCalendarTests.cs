namespace PortfolioTracker.MarketData.Tests.Domain;

public class TradingCalendarTests
{
    [Theory]
    [InlineData("2024-06-19", "2024-06-18")] // Wednesday → Tuesday
    [InlineData("2024-06-17", "2024-06-14")] // Monday → Friday
    [InlineData("2024-06-16", "2024-06-14")] // Sunday → Friday
    [InlineData("2024-12-26", "2024-12-24")] // the day after Christmas (a holiday)
    public void TheLastCompletedTradingDaySkipsWeekendsAndHolidays(string today, string expected)
    {
        var holidays = new HashSet<DateOnly> { new(2024, 12, 25) };

        Assert.Equal(DateOnly.Parse(expected), TradingCalendar.LastCompletedTradingDay(DateOnly.Parse(today), holidays));
    }

    [Fact]
    public void DataIsStaleOnlyWhenItMissesTheLastCompletedTradingDay()
    {
        var monday = new DateOnly(2024, 6, 17);

        Assert.False(TradingCalendar.IsStale(new DateOnly(2024, 6, 14), monday, new HashSet<DateOnly>()));
        Assert.True(TradingCalendar.IsStale(new DateOnly(2024, 6, 13), monday, new HashSet<DateOnly>()));
        Assert.True(TradingCalendar.IsStale(null, monday, new HashSet<DateOnly>()));
    }
}
