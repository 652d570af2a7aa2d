namespace PortfolioTracker.MarketData.Tests.Domain;

public class FxConversionTests
{
    private static readonly DateOnly Day = new(2024, 3, 1);

    private static Func<string, string, StoredRate?> Stored(params StoredRate[] rates) =>
        (from, to) => rates.FirstOrDefault(r => r.From == from && r.To == to);

    [Fact]
    public void AStoredPairIsUsedAsItIs()
    {
        var rate = FxConversion.Resolve("EUR", "USD", Day, Stored(new StoredRate("EUR", "USD", Day, 1.08m)))!;

        Assert.Equal((1.08m, FxDerivation.Stored), (rate.Rate, rate.Derivation));
    }

    [Fact]
    public void AMissingPairIsTheInverseOfTheStoredOne()
    {
        var rate = FxConversion.Resolve("USD", "EUR", Day, Stored(new StoredRate("EUR", "USD", Day, 1.25m)))!;

        Assert.Equal((0.8m, FxDerivation.Inverse), (rate.Rate, rate.Derivation));
    }

    [Fact]
    public void ACrossRateGoesThroughUsdAndCarriesTheOlderLegsDate()
    {
        // EUR→USD 1.10 (Feb 28), USD→CHF 0.90 (Mar 1): EUR→CHF = 0.99, as of Feb 28.
        var rate = FxConversion.Resolve("EUR", "CHF", Day, Stored(
            new StoredRate("EUR", "USD", Day.AddDays(-2), 1.10m),
            new StoredRate("USD", "CHF", Day, 0.90m)))!;

        Assert.Equal((0.99m, FxDerivation.Cross, Day.AddDays(-2)), (rate.Rate, rate.Derivation, rate.Date));
    }

    [Fact]
    public void AFreshInverseBeatsAStaleStoredPairAndSaysWhichDateItUsed()
    {
        // USD→EUR on 2024-01-02: a USD/EUR rate of 2021-12-12 is stored, and so is EUR/USD of 2024-01-02.
        var asked = new DateOnly(2024, 1, 2);
        var rate = FxConversion.Resolve("USD", "EUR", asked, Stored(
            new StoredRate("USD", "EUR", new DateOnly(2021, 12, 12), 0.88m),
            new StoredRate("EUR", "USD", asked, 1.25m)))!;

        Assert.Equal((0.8m, FxDerivation.Inverse, asked), (rate.Rate, rate.Derivation, rate.Date));
    }

    [Fact]
    public void AFreshCrossRateBeatsAStaleStoredPair()
    {
        var rate = FxConversion.Resolve("EUR", "CHF", Day, Stored(
            new StoredRate("EUR", "CHF", Day.AddYears(-2), 1.05m),
            new StoredRate("EUR", "USD", Day, 1.10m),
            new StoredRate("USD", "CHF", Day.AddDays(-1), 0.90m)))!;

        Assert.Equal((0.99m, FxDerivation.Cross, Day.AddDays(-1)), (rate.Rate, rate.Derivation, rate.Date));
    }

    [Fact]
    public void OnEqualDatesTheStoredPairWinsOverItsInverseAndACross()
    {
        var rate = FxConversion.Resolve("EUR", "CHF", Day, Stored(
            new StoredRate("EUR", "CHF", Day, 0.95m),
            new StoredRate("CHF", "EUR", Day, 1.2m),
            new StoredRate("EUR", "USD", Day, 1.10m),
            new StoredRate("USD", "CHF", Day, 0.90m)))!;

        Assert.Equal((0.95m, FxDerivation.Stored), (rate.Rate, rate.Derivation));
    }

    [Fact]
    public void NoRouteMeansNoRate() =>
        Assert.Null(FxConversion.Resolve("EUR", "CHF", Day, Stored(new StoredRate("EUR", "USD", Day, 1.1m))));

    [Fact]
    public void ACurrencyIsWorthItself() =>
        Assert.Equal(1m, FxConversion.Resolve("GBP", "GBP", Day, Stored())!.Rate);

    [Fact]
    public void ASeriesHasARateOnEveryDateOfEitherLeg()
    {
        var stored = new Dictionary<(string, string), IReadOnlyList<(DateOnly, decimal)>>
        {
            [("EUR", "USD")] = [(Day, 1.10m), (Day.AddDays(2), 1.20m)],
            [("USD", "CHF")] = [(Day.AddDays(1), 0.90m)],
        };

        var series = FxSeriesBuilder.Build("EUR", "CHF", stored);

        // Day: no USD→CHF yet, left out; Day+1: 1.10 × 0.90; Day+2: 1.20 × 0.90.
        Assert.Equal([(Day.AddDays(1), 0.99m), (Day.AddDays(2), 1.08m)], series);
    }
}
