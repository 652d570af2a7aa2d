namespace PortfolioTracker.MarketData.Tests.Domain;

public class BarValidatorTests
{
    private static readonly DateOnly Today = new(2024, 6, 19);

    private static DailyBar Bar(string date = "2024-06-18", decimal open = 10, decimal high = 11, decimal low = 9, decimal close = 10.5m,
        long volume = 100, decimal dividend = 0, decimal split = 1) =>
        new(DateOnly.Parse(date), open, high, low, close, close, volume, dividend, split);

    [Fact]
    public void AConsistentBarPasses() => Assert.Empty(BarValidator.Validate([Bar()], Today));

    [Theory]
    [InlineData(10, 9, 11, 10)]   // high below low
    [InlineData(12, 11, 9, 10)]   // open above high
    [InlineData(10, 11, 9, 8)]    // close below low
    public void InconsistentOhlcNamesTheBar(decimal open, decimal high, decimal low, decimal close) =>
        Assert.Equal(["bars[0]"], BarValidator.Validate([Bar(open: open, high: high, low: low, close: close)], Today).Select(e => e.Field));

    [Fact]
    public void NegativeVolumeFutureDatesDuplicatesAndBadSplitsAreNamed()
    {
        var errors = BarValidator.Validate(
            [Bar(volume: -1), Bar(date: "2024-06-20"), Bar(date: "2024-06-18", split: 0), Bar(date: "2024-06-17", dividend: -1)], Today);

        Assert.Equal(
            ["bars[0].volume", "bars[1].date", "bars[2].date", "bars[2].splitCoefficient", "bars[3].dividendAmount"],
            errors.Select(e => e.Field));
    }

    [Fact]
    public void AnEmptyBatchIsRefused() => Assert.Equal(["bars"], BarValidator.Validate([], Today).Select(e => e.Field));
}
