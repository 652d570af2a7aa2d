using static PortfolioTracker.Portfolio.Tests.Metrics.MetricsFixtures;

namespace PortfolioTracker.Portfolio.Tests.Metrics;

/// <summary>The in-memory FX table answers with the fresher of a pair and its inverse, as MarketData does.</summary>
public class FxTableTests
{
    [Fact]
    public void UsdToEurOnTheSecondOfJanuaryIsTheInverseOfThatDaysEurUsdNotAStaleUsdEur()
    {
        var table = new FxTable([Fx("USD", "EUR", "2021-12-12", 0.88m), Fx("EUR", "USD", "2024-01-02", 1.25m)]);

        Assert.True(table.TryGetRate("USD", "EUR", D("2024-01-02"), out var rate));
        Assert.Equal(0.8m, rate);
    }

    [Fact]
    public void BeforeTheFresherInverseExistsTheOlderPairStillAnswers()
    {
        var table = new FxTable([Fx("USD", "EUR", "2021-12-12", 0.88m), Fx("EUR", "USD", "2024-01-02", 1.25m)]);

        Assert.True(table.TryGetRate("USD", "EUR", D("2023-12-31"), out var rate));
        Assert.Equal(0.88m, rate);
    }

    [Fact]
    public void OnEqualDatesThePairItselfWins()
    {
        var table = new FxTable([Fx("USD", "EUR", "2024-01-02", 0.9m), Fx("EUR", "USD", "2024-01-02", 1.25m)]);

        Assert.True(table.TryGetRate("USD", "EUR", D("2024-01-02"), out var rate));
        Assert.Equal(0.9m, rate);
    }
}
