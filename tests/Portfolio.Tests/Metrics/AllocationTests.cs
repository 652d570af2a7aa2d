using static PortfolioTracker.Portfolio.Tests.Metrics.MetricsFixtures;

namespace PortfolioTracker.Portfolio.Tests.Metrics;

public class AllocationTests
{
    private static SummaryFigures Summary()
    {
        var ledger = Ledger(
            Buy("2024-01-02", "AAPL", 3, 100),
            Buy("2024-01-02", "MSFT", 1, 100),
            Buy("2024-01-02", "NESN", 2, 100, currency: "CHF"),
            Buy("2024-01-02", "MYSTERY", 1, 300),
            Buy("2024-01-02", "GONE", 1, 10),
            Sell("2024-01-03", "GONE", 1, 12));
        var market = Market(
            [
                ("AAPL", new Security("USD", "Technology", Closes(("2024-01-03", 100m)))),
                ("MSFT", new Security("USD", "Technology", Closes(("2024-01-03", 100m)))),
                ("NESN", new Security("CHF", "Consumer Staples", Closes(("2024-01-03", 100m)))),
                ("MYSTERY", new Security("USD", null, Closes(("2024-01-03", 300m)))),
                ("GONE", new Security("USD", "Energy", Closes(("2024-01-03", 12m)))),
            ],
            Fx("CHF", "USD", "2024-01-01", 1.5m));
        return PortfolioCalculator.Summarize(ledger, market, "USD", D("2024-01-03"));
    }

    [Fact]
    public void SectorsWeighTheirMarketValueWithUnknownForMissingSectors()
    {
        // Act
        var slices = Allocation.BySector(Summary());

        // Assert: Technology 300 + 100 = 400, Unknown 300, Consumer Staples 2 × 100 × 1.5 = 300;
        // total 1000; the closed GONE position carries no weight.
        Assert.Equal(
            [("Technology", 400m, 0.4m), ("Consumer Staples", 300m, 0.3m), ("Unknown", 300m, 0.3m)],
            slices.Select(s => (s.Key, s.MarketValue, s.Weight)));
        Assert.Equal(1m, slices.Sum(s => s.Weight));
    }

    [Fact]
    public void CurrenciesWeighTheQuoteCurrencyOfEachPosition()
    {
        // Act
        var slices = Allocation.ByCurrency(Summary());

        // Assert: USD 300 + 100 + 300 = 700, CHF 300.
        Assert.Equal([("USD", 0.7m), ("CHF", 0.3m)], slices.Select(s => (s.Key, s.Weight)));
    }

    [Fact]
    public void WeightsOfThirdsSumToOneWithinRounding()
    {
        // Arrange: three equal slices of 1/3 each.
        var ledger = Ledger(Buy("2024-01-02", "A", 1, 10), Buy("2024-01-02", "B", 1, 10), Buy("2024-01-02", "C", 1, 10));
        var market = Market(
            [
                ("A", new Security("USD", "S1", Closes())),
                ("B", new Security("USD", "S2", Closes())),
                ("C", new Security("USD", "S3", Closes())),
            ]);

        // Act
        var slices = Allocation.BySector(PortfolioCalculator.Summarize(ledger, market, "USD", D("2024-01-02")));

        // Assert
        Assert.Equal(3, slices.Count);
        Assert.InRange(slices.Sum(s => s.Weight), 1m - 1e-25m, 1m + 1e-25m);
    }

    [Fact]
    public void NothingHeldGivesNoSlices() =>
        Assert.Empty(Allocation.BySector(PortfolioCalculator.Summarize(Domain.Metrics.Ledger.Empty, Market("A", Closes()), "USD", D("2024-01-02"))));
}
