using PortfolioTracker.ServiceDefaults.Validation;

namespace PortfolioTracker.MarketData.Tests.Bounds;

/// <summary>Bar prices beyond NumericBounds are named before anything is written.</summary>
public class BarBoundsTests
{
    private static readonly DateOnly Today = new(2024, 6, 19);

    private static DailyBar Bar(decimal high = 11, decimal close = 10.5m, decimal adjusted = 10.5m, decimal dividend = 0, decimal split = 1) =>
        new(new DateOnly(2024, 6, 18), 10, high, 9, close, adjusted, 100, dividend, split);

    [Fact]
    public void APriceAboveABillionNamesTheFieldOfItsBar() =>
        Assert.Equal(["bars[0].high"], BarValidator.Validate([Bar(high: 1_000_000_000.01m)], Today).Select(e => e.Field));

    [Fact]
    public void AHugeAdjustedCloseDividendOrSplitIsNamed() =>
        Assert.Equal(
            ["bars[0].adjustedClose", "bars[1].dividendAmount", "bars[2].splitCoefficient"],
            BarValidator.Validate(
                [Bar(adjusted: 79_228_162_514_264_337_593_543_950_335m), Bar(dividend: 2_000_000_000m) with { Date = new(2024, 6, 17) },
                 Bar(split: 1_000_001m) with { Date = new(2024, 6, 14) }], Today).Select(e => e.Field));

    [Fact]
    public void ASeventeenthDecimalPlaceIsNamed() =>
        Assert.Equal(["bars[0].close"], BarValidator.Validate([Bar(close: 10.00000000000000001m)], Today).Select(e => e.Field));

    [Fact]
    public void PricesOnTheBoundPass() =>
        Assert.Empty(BarValidator.Validate([new DailyBar(new DateOnly(2024, 6, 18), 1, NumericBounds.MaxPrice, 1, NumericBounds.MaxPrice, NumericBounds.MaxPrice, 1, 0, 1)], Today));
}
