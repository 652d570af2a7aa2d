using System.Text.Json;
using PortfolioTracker.MarketData.Providers.AlphaVantage;

namespace PortfolioTracker.MarketData.Tests;

/// <summary>Classification of the provider's error texts, without a server.</summary>
public sealed class AlphaVantageErrorsTests
{
    [Theory]
    [InlineData(Fixtures.RateLimitNoteLegacy, MarketDataProviderErrorKind.RateLimited)]
    [InlineData(Fixtures.RateLimit25PerDay, MarketDataProviderErrorKind.RateLimited)]
    [InlineData(Fixtures.RateLimit2025, MarketDataProviderErrorKind.RateLimited)]
    [InlineData(Fixtures.PremiumEndpoint, MarketDataProviderErrorKind.PremiumOnly)]
    [InlineData(Fixtures.InvalidSymbol, MarketDataProviderErrorKind.InvalidSymbol)]
    public void EachErrorFixtureIsRecognised(string fixture, MarketDataProviderErrorKind kind)
    {
        using var document = JsonDocument.Parse(Fixtures.Read(fixture));

        var error = AlphaVantageErrors.Detect(document.RootElement, "GLOBAL_QUOTE", "KEY");

        Assert.Equal(kind, error?.Kind);
    }

    [Theory]
    [InlineData(Fixtures.DailyIbm2020)]
    [InlineData(Fixtures.FxUsdEur2024)]
    [InlineData(Fixtures.OverviewIbm2024)]
    [InlineData(Fixtures.DividendsIbm2024)]
    [InlineData(Fixtures.CurrencyExchangeRateBtcCny2020)]
    public void DataIsNotAnError(string fixture)
    {
        using var document = JsonDocument.Parse(Fixtures.Read(fixture));

        Assert.Null(AlphaVantageErrors.Detect(document.RootElement, "ANY", "KEY"));
    }

    [Fact]
    public void ProviderTextThatEchoesTheKeyIsRedacted()
    {
        using var document = JsonDocument.Parse(
            """{"Information": "We have detected your API key as SECRETKEY and our standard API rate limit is 25 requests per day."}""");

        var error = AlphaVantageErrors.Detect(document.RootElement, "GLOBAL_QUOTE", "SECRETKEY");

        Assert.Equal(MarketDataProviderErrorKind.RateLimited, error!.Kind);
        Assert.DoesNotContain("SECRETKEY", error.Message);
    }
}
