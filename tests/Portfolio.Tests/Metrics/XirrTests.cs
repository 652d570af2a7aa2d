using static PortfolioTracker.Portfolio.Tests.Metrics.MetricsFixtures;

namespace PortfolioTracker.Portfolio.Tests.Metrics;

public class XirrTests
{
    [Fact]
    public void ASingleFlowPairOverAYearYieldsItsSimpleReturn()
    {
        // Arrange: −1000 then +1100 exactly 365 days later (2023 is not a leap year).
        var flows = new[] { new CashFlow(D("2023-01-01"), -1000), new CashFlow(D("2024-01-01"), 1100) };

        // Act
        var result = Xirr.Solve(flows);

        // Assert: 1000 × (1 + r)^1 = 1100 → r = 0.1.
        Assert.Equal(0.1m, result.Rate);
        Assert.Null(result.Error);
    }

    [Fact]
    public void ExcelsDocumentedExampleGivesItsDocumentedRate()
    {
        // Arrange: the example of Excel's XIRR help page, whose answer is 0.373362535 (37.34%);
        // Excel stops at a 1e-8 tolerance, so compare 8 places.
        var flows = new[]
        {
            new CashFlow(D("2008-01-01"), -10000), new CashFlow(D("2008-03-01"), 2750),
            new CashFlow(D("2008-10-30"), 4250), new CashFlow(D("2009-02-15"), 3250),
            new CashFlow(D("2009-04-01"), 2750),
        };

        // Act
        var rate = Xirr.Solve(flows).Rate;

        // Assert
        Assert.NotNull(rate);
        Assert.Equal(0.37336253m, Math.Round(rate.Value, 8));
    }

    [Fact]
    public void ALongIrregularSeriesMatchesABruteForceBisectionOnNpv()
    {
        // Arrange: 40 irregular flows over ~6 years, contributions and withdrawals, a final value.
        var random = new Random(20240615);
        var flows = new List<CashFlow>();
        var date = D("2018-03-07");
        for (var i = 0; i < 40; i++)
        {
            date = date.AddDays(random.Next(7, 90));
            var amount = Math.Round((decimal)(random.NextDouble() * 5000), 2);
            flows.Add(new CashFlow(date, i % 5 == 4 ? amount / 3 : -amount));
        }
        flows.Add(new CashFlow(date.AddDays(30), 120_000m));

        // Act
        var rate = Xirr.Solve(flows).Rate;

        // Assert: an independent solver — plain bisection of NPV(r) = Σ a (1 + r)^(−days/365)
        // written with Math.Pow, on [−0.99, 10] where NPV falls from positive to negative.
        var expected = BisectNpv(flows, -0.99, 10);
        Assert.NotNull(rate);
        Assert.Equal(expected, (double)rate.Value, 9);
    }

    [Fact]
    public void FlowsOfOneSignHaveNoRate()
    {
        var result = Xirr.Solve([new CashFlow(D("2023-01-01"), 100), new CashFlow(D("2024-01-01"), 100)]);

        Assert.Null(result.Rate);
        Assert.False(result.Succeeded);
        Assert.NotNull(result.Error);
    }

    [Fact]
    public void FlowsWhoseNpvNeverCrossesZeroReportAFailureInsteadOfNaN()
    {
        // Arrange: −100, +300, −300 (a year apart each): NPV = −100 + 300x − 300x² with x = 1/(1+r)
        // has discriminant 90000 − 120000 < 0, so it is negative for every r.
        var flows = new[]
        {
            new CashFlow(D("2020-01-01"), -100), new CashFlow(D("2020-12-31"), 300), new CashFlow(D("2021-12-31"), -300),
        };

        // Act
        var result = Xirr.Solve(flows);

        // Assert
        Assert.Null(result.Rate);
        Assert.Contains("net present value", result.Error);
    }

    [Fact]
    public void ATotalLossConvergesNearMinusOneHundredPercent()
    {
        // Arrange: −1000, +1 a year later → r = 1/1000 − 1 = −0.999.
        var result = Xirr.Solve([new CashFlow(D("2023-01-01"), -1000), new CashFlow(D("2024-01-01"), 1)]);

        Assert.Equal(-0.999m, result.Rate);
    }

    private static double BisectNpv(IReadOnlyList<CashFlow> flows, double lo, double hi)
    {
        var origin = flows.Min(f => f.Date).DayNumber;
        double Npv(double r) => flows.Sum(f => (double)f.Amount * Math.Pow(1 + r, -(f.Date.DayNumber - origin) / 365.0));
        Assert.True(Npv(lo) > 0 && Npv(hi) < 0, "the bracket must straddle the root");
        for (var i = 0; i < 200; i++)
        {
            var mid = (lo + hi) / 2;
            if (Npv(mid) > 0) lo = mid;
            else hi = mid;
        }
        return (lo + hi) / 2;
    }
}
