using PortfolioTracker.Dividends.Domain;

namespace PortfolioTracker.Dividends.Tests.Domain;

/// <summary>Income figures: converted per payment, breakdowns that add up to their totals.</summary>
public sealed class IncomeCalculatorTests
{
    private static readonly DateOnly Today = new(2024, 12, 31);

    [Fact]
    public void EveryBreakdownAddsUpToTheTotals()
    {
        IncomePayment[] payments =
        [
            new("AAPL", new(2024, 2, 15), "USD", 0.24m, 2.40m, 0.36m, 0.9123m),
            new("AAPL", new(2024, 5, 16), "USD", 0.25m, 2.50m, 0.375m, 0.9311m),
            new("SAP", new(2024, 5, 21), "EUR", 2.20m, 22.00m, 5.80m, 1m),
            new("SAP", new(2023, 5, 17), "EUR", 2.05m, 20.50m, 5.41m, 1m),
        ];

        var summary = IncomeCalculator.Summarise(payments, year: null, new Dictionary<string, HeldSymbol>(), Today);

        Assert.Equal(summary.Total.Gross, summary.ByYear.Sum(p => p.Figures.Gross));
        Assert.Equal(summary.Total.Gross, summary.ByMonth.Sum(p => p.Figures.Gross));
        Assert.Equal(summary.Total.Tax, summary.BySymbol.Sum(s => s.Base.Tax));
        Assert.Equal(summary.Total.Net, summary.ByCurrency.Sum(c => c.Base.Net));
        Assert.Equal(summary.Total.Gross - summary.Total.Tax, summary.Total.Net);
        Assert.Equal(2.19m + 2.33m + 22.00m, summary.TrailingTwelveMonths);
    }
}
