using System.Globalization;
using PortfolioTracker.ServiceDefaults.Wire;

namespace PortfolioTracker.Portfolio.Tests.Bounds;

/// <summary>
/// The hand-trimmed decimal text and the "O" date text write exactly what the custom formats they
/// replaced wrote (money on the wire is <c>Math.Round(x, 10)</c> in <c>"0.##########"</c>, dates
/// <c>"yyyy-MM-dd"</c>): on chosen edge cases and on random values of every scale and size.
/// </summary>
public class WireFormatTests
{
    private const string MoneyFormat = "0.##########";

    // A negative zero shows as 0 in a test's name, so the cases run in one test rather than as a theory's.
    private static readonly decimal[] EdgeCases =
    [
        0m, -0m, 0.0000000000m, new decimal(0, 0, 0, isNegative: true, scale: 10), 1.00m, -100.000m, 0.5m, -0.25m,
        0.00000000005m, -0.00000000005m, 0.00000000015m, -0.00000000001m, 123456789012345678.1234567891m,
        decimal.MaxValue, decimal.MinValue, 0.0000000001m, 10m, 1000000m, 1e-28m, -1e-28m,
    ];

    [Fact]
    public void MoneyTextIsTheCustomFormatsTextForEdgeCases()
    {
        foreach (var value in EdgeCases)
        {
            AssertSameAsMoneyFormat(value);
        }
    }

    [Fact]
    public void MoneyTextIsTheCustomFormatsTextForRandomValuesOfEveryScale()
    {
        var random = new Random(2026);
        for (var i = 0; i < 50_000; i++)
        {
            var value = new decimal(random.Next(), random.Next(), random.Next(4) == 0 ? random.Next() : random.Next(1000),
                isNegative: random.Next(2) == 0, scale: (byte)random.Next(29));
            AssertSameAsMoneyFormat(value);
        }
    }

    [Fact]
    public void TrimmedTextKeepsEveryDigitOfTheValue()
    {
        Assert.Equal("1.5", DecimalText.FormatTrimmed(1.5000m));
        Assert.Equal("2", DecimalText.FormatTrimmed(2.000m));
        Assert.Equal("-0.0000000000000000000000000001", DecimalText.FormatTrimmed(-1e-28m));
        Assert.Equal("79228162514264337593543950335", DecimalText.FormatTrimmed(decimal.MaxValue));
        Assert.Equal("100", DecimalText.FormatTrimmed(100m));
    }

    [Fact]
    public void DateTextIsTheCustomFormatsText()
    {
        var random = new Random(7);
        foreach (var day in new[] { DateOnly.MinValue, DateOnly.MaxValue, new DateOnly(999, 1, 9), new DateOnly(2024, 2, 29) }
            .Concat(Enumerable.Range(0, 20_000).Select(_ => DateOnly.FromDayNumber(random.Next(DateOnly.MaxValue.DayNumber + 1)))))
        {
            Assert.Equal(day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), DateText.Format(day));
        }
    }

    private static void AssertSameAsMoneyFormat(decimal value)
    {
        var rounded = Math.Round(value, 10);
        Assert.Equal(rounded.ToString(MoneyFormat, CultureInfo.InvariantCulture), DecimalText.FormatTrimmed(rounded));
    }
}
