using PortfolioTracker.Dividends.Domain;

namespace PortfolioTracker.Dividends.Tests.Domain;

/// <summary>How often a symbol pays, and the payments projected from it.</summary>
public sealed class PaymentPatternTests
{
    private static DateOnly D(string s) => DateOnly.Parse(s, System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    [InlineData(new[] { "2024-01-10", "2024-02-09", "2024-03-11", "2024-04-10" }, 1)]
    [InlineData(new[] { "2023-05-12", "2023-08-11", "2023-11-10", "2024-02-09" }, 3)]
    [InlineData(new[] { "2023-03-01", "2023-09-01", "2024-03-01" }, 6)]
    [InlineData(new[] { "2022-06-01", "2023-06-01" }, 12)]
    [InlineData(new[] { "2023-06-01" }, 12)]
    public void ThePatternIsInferredFromTheGapsBetweenExDates(string[] exDates, int months) =>
        Assert.Equal(months, PaymentPattern.MonthsBetween([.. exDates.Select(D)]));

    [Fact]
    public void AQuarterlyPayerWithFourPastPaymentsIsProjectedFourTimesAYearAtTheLastAmount()
    {
        var today = D("2024-03-01");
        DividendEventInfo E(string ex, decimal amount) => new("KO", D(ex), D(ex).AddDays(14), null, null, amount, "USD", "cash", "import");
        var events = new Dictionary<string, IReadOnlyList<DividendEventInfo>>
        {
            ["KO"] = [E("2023-05-12", 0.46m), E("2023-08-11", 0.46m), E("2023-11-10", 0.46m), E("2024-02-09", 0.485m)],
        };

        var payments = UpcomingPayments.Forecast(events, new Dictionary<string, decimal> { ["KO"] = 100 }, new Dictionary<(string, DateOnly), decimal>(), today, 12);

        Assert.Equal(4, payments.Count);
        Assert.All(payments, p => Assert.Equal("projected", p.Kind));
        Assert.Equal(4 * 0.485m * 100, payments.Sum(p => p.ExpectedAmount));
        Assert.Equal([D("2024-05-09"), D("2024-08-09"), D("2024-11-09"), D("2025-02-09")], payments.Select(p => p.ExDate));
    }
}
