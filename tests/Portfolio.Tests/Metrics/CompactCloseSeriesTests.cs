namespace PortfolioTracker.Portfolio.Tests.Metrics;

/// <summary>
/// Closes held as parallel arrays (day numbers and packed decimals): every value comes back
/// exactly as given, trailing zeros included, and a series extends with the days before and
/// after the held ones without changing what was handed out before.
/// </summary>
public sealed class CompactCloseSeriesTests
{
    private static readonly DateOnly Jan2 = new(2024, 1, 2);

    private static DateOnly Day(int offset) => Jan2.AddDays(offset);

    [Theory]
    [InlineData("12.50")]
    [InlineData("0.000000000001")]
    [InlineData("1.0000000000000000000000000001")] // 28 decimal places: does not pack, kept as a decimal
    [InlineData("123456789012345.678")]
    [InlineData("79228162514264337593543950335")] // decimal.MaxValue
    public void EveryCloseComesBackExactlyWithItsScale(string text)
    {
        var value = decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

        var series = new ClosePriceSeries([(Jan2, value)]);

        Assert.Equal(decimal.GetBits(value), decimal.GetBits(series.CloseAt(0)));
        Assert.Equal(text, series.CloseAt(0).ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void ABarTakesTwelveBytesWhenItsValuesPackAndTwentyWhenOneDoesNot()
    {
        var packed = new ClosePriceSeries([(Jan2, 101.25m), (Day(1), 0.9123456789m)]);
        var wide = new ClosePriceSeries([(Jan2, 101.25m), (Day(1), decimal.MaxValue)]);

        Assert.Equal(12, packed.BytesPerBar);
        Assert.Equal(20, wide.BytesPerBar);
        Assert.Equal(decimal.MaxValue, wide.CloseAt(1));
    }

    [Fact]
    public void LookupsFindTheLastCloseOnOrBeforeADayByBinarySearch()
    {
        var series = new ClosePriceSeries(Enumerable.Range(0, 1000).Select(i => (Day(i * 2), 100m + i)));

        Assert.True(series.TryGetOnOrBefore(Day(1001), out var close, out var date));
        Assert.Equal((600m, Day(1000)), (close, date));
        Assert.False(series.TryGetOnOrBefore(Day(-1), out _, out _));
        Assert.Equal(999, series.IndexOnOrBefore(Day(5000)));
    }

    [Fact]
    public void ExtendingJoinsTheDaysBeforeAndAfterTheHeldOnesAndLeavesTheHeldSeriesAsItWas()
    {
        var held = new ClosePriceSeries([(Day(2), 12m), (Day(3), 13m)]);
        var view = held.Through(Day(2));

        // What MarketData answers for the windows before and after: each with the last earlier close.
        var extended = held.Extend([(Day(0), 10m), (Day(1), 11m)], [(Day(3), 13m), (Day(5), 15m)], heldThrough: Day(4));

        Assert.Equal([10m, 11m, 12m, 13m, 15m], Enumerable.Range(0, extended.Count).Select(extended.CloseAt));
        Assert.Equal([Day(0), Day(1), Day(2), Day(3), Day(5)], Enumerable.Range(0, extended.Count).Select(extended.DateAt));
        Assert.Equal(2, held.Count);
        Assert.Equal(1, view.Count);
    }

    [Fact]
    public void ExtendingAnEmptySeriesTakesEverythingAnswered()
    {
        var extended = ClosePriceSeries.Empty.Extend([(Day(0), 10m)], [(Day(6), 16m)], heldThrough: Day(4));

        Assert.Equal([Day(0), Day(6)], Enumerable.Range(0, extended.Count).Select(extended.DateAt));
    }
}
