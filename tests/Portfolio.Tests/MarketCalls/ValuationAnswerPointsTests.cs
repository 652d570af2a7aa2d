using PortfolioTracker.Portfolio.Application.Metrics;

namespace PortfolioTracker.Portfolio.Tests.MarketCalls;

/// <summary>A series as MarketData sends it (text dates and decimals) read into points, exactly.</summary>
public sealed class ValuationAnswerPointsTests
{
    [Fact]
    public void DatesAndValuesAreReadExactlyInOrder()
    {
        var points = MarketSnapshotLoader.Points(["2024-02-28", "2024-02-29", "2025-01-02"], ["1.0850", "0.9123456789012345678901234567", "12"]);

        Assert.Equal([new DateOnly(2024, 2, 28), new DateOnly(2024, 2, 29), new DateOnly(2025, 1, 2)], points.Select(p => p.Date));
        Assert.Equal([1.0850m, 0.9123456789012345678901234567m, 12m], points.Select(p => p.Value));
        Assert.Equal(4, points[0].Value.Scale); // the scale travels too
    }

    [Theory]
    [InlineData("2024-2-28")]
    [InlineData("2023-02-29")]
    [InlineData("2024-02-28T00:00:00")]
    [InlineData(" 2024-02-28")]
    public void ADateNotWrittenAsYyyyMmDdIsRefused(string date)
    {
        var refused = Assert.Throws<FormatException>(() => MarketSnapshotLoader.Points([date], ["1"]));

        Assert.Contains(date, refused.Message, StringComparison.Ordinal);
    }
}
