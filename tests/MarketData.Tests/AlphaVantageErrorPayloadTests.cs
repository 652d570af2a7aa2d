namespace PortfolioTracker.MarketData.Tests;

/// <summary>Errors Alpha Vantage sends with HTTP 200, as recorded in the fixtures.</summary>
public sealed class AlphaVantageErrorPayloadTests : IAsyncLifetime
{
    private ClientHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await ClientHarness.StartAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Theory]
    [InlineData(Fixtures.RateLimitNoteLegacy, RateLimitScope.PerMinute)]
    [InlineData(Fixtures.RateLimit2025, RateLimitScope.PerMinute)]
    [InlineData(Fixtures.RateLimit25PerDay, RateLimitScope.PerDay)]
    public async Task RateLimitAnswersBecomeRateLimitedWithTheirScopeAndAreNotRetried(string fixture, RateLimitScope scope)
    {
        _harness.Server.Script(FakeReply.Fixture(fixture));

        var error = await Assert.ThrowsAsync<MarketDataRateLimitedException>(
            () => _harness.Provider.GetQuoteAsync("IBM", CancellationToken.None));

        Assert.Equal(MarketDataProviderErrorKind.RateLimited, error.Kind);
        Assert.Equal(scope, error.Scope);
        Assert.False(error.IsRetryable);
        Assert.Single(_harness.Server.Received);
    }

    [Fact]
    public async Task AfterTheProviderSaysTheDayIsSpentNoFurtherCallGoesOutThatDay()
    {
        _harness.Server.Script(FakeReply.Fixture(Fixtures.RateLimit25PerDay));
        await Assert.ThrowsAsync<MarketDataRateLimitedException>(() => _harness.Provider.GetQuoteAsync("IBM", CancellationToken.None));

        var refused = await Assert.ThrowsAsync<MarketDataRateLimitedException>(
            () => _harness.Provider.GetSplitsAsync("IBM", CancellationToken.None));

        Assert.Equal(RateLimitScope.PerDay, refused.Scope);
        Assert.Single(_harness.Server.Received);
        _harness.Clock.Advance(TimeSpan.FromDays(1));
        Assert.NotEmpty(await _harness.Provider.GetSplitsAsync("IBM", CancellationToken.None));
    }

    [Fact]
    public async Task AfterAPerMinuteThrottleTheNextCallWaitsForTheMinute()
    {
        _harness.Server.Script(FakeReply.Fixture(Fixtures.RateLimit2025));
        await Assert.ThrowsAsync<MarketDataRateLimitedException>(() => _harness.Provider.GetQuoteAsync("IBM", CancellationToken.None));

        var refused = await Assert.ThrowsAsync<MarketDataRateLimitedException>(
            () => _harness.Provider.GetQuoteAsync("IBM", CancellationToken.None));

        Assert.Equal(RateLimitScope.PerMinute, refused.Scope);
        Assert.InRange(refused.RetryAfter!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));
        _harness.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(121.74m, (await _harness.Provider.GetQuoteAsync("IBM", CancellationToken.None)).Price);
        Assert.Equal(2, _harness.Server.Received.Count);
    }

    [Fact]
    public async Task PremiumOnlyAnswerIsNotRetried()
    {
        _harness.Server.Script(FakeReply.Fixture(Fixtures.PremiumEndpoint));

        var error = await Assert.ThrowsAsync<MarketDataProviderException>(
            () => _harness.Provider.GetDailyPricesAsync("IBM", OutputSize.Full, adjusted: true, CancellationToken.None));

        Assert.Equal(MarketDataProviderErrorKind.PremiumOnly, error.Kind);
        Assert.False(error.IsRetryable);
        Assert.Single(_harness.Server.Received);
    }

    [Fact]
    public async Task ErrorMessageAnswerIsAnInvalidSymbolAndIsNotRetried()
    {
        var error = await Assert.ThrowsAsync<MarketDataProviderException>(
            () => _harness.Provider.GetDailyPricesAsync("NOSUCH", OutputSize.Compact, adjusted: false, CancellationToken.None));

        Assert.Equal(MarketDataProviderErrorKind.InvalidSymbol, error.Kind);
        Assert.Contains("TIME_SERIES_DAILY", error.Message);
        Assert.Single(_harness.Server.Received);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"Global Quote": {}}""")]
    public async Task EmptyAnswerIsAnInvalidSymbol(string body)
    {
        _harness.Server.Script(FakeReply.Json(body));

        var error = await Assert.ThrowsAsync<MarketDataProviderException>(
            () => _harness.Provider.GetQuoteAsync("NOSUCH", CancellationToken.None));

        Assert.Equal(MarketDataProviderErrorKind.InvalidSymbol, error.Kind);
    }

    [Theory]
    [InlineData("<html><body>Service temporarily unavailable</body></html>")]
    [InlineData("""{"Time Series (Daily)": {"2024-06-18": {"1. open": "n/a"}}}""")]
    [InlineData("""{"Information": "Something we have never seen."}""")]
    public async Task UnreadableAnswerIsABadPayloadAndIsNotRetried(string body)
    {
        _harness.Server.Script(FakeReply.Json(body));

        var error = await Assert.ThrowsAsync<MarketDataProviderException>(
            () => _harness.Provider.GetDailyPricesAsync("IBM", OutputSize.Compact, adjusted: false, CancellationToken.None));

        Assert.Equal(MarketDataProviderErrorKind.BadPayload, error.Kind);
        Assert.Single(_harness.Server.Received);
    }

    [Fact]
    public async Task ErrorAnswersAreNotCached()
    {
        _harness.Server.Script(FakeReply.Fixture(Fixtures.RateLimit2025));
        await Assert.ThrowsAsync<MarketDataRateLimitedException>(() => _harness.Provider.GetQuoteAsync("IBM", CancellationToken.None));
        _harness.Clock.Advance(TimeSpan.FromMinutes(1));

        var quote = await _harness.Provider.GetQuoteAsync("IBM", CancellationToken.None);

        Assert.Equal(121.74m, quote.Price);
        Assert.Equal(2, _harness.Server.Received.Count);
    }
}
