namespace PortfolioTracker.MarketData.Tests;

/// <summary>Raw answers are reused until their function's time-to-live has passed.</summary>
public sealed class AlphaVantageCacheTests : IAsyncLifetime
{
    private ClientHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await ClientHarness.StartAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task ACachedAnswerIsServedWithoutARequest()
    {
        var first = await _harness.Provider.GetDailyPricesAsync("IBM", OutputSize.Compact, adjusted: true, CancellationToken.None);

        var second = await _harness.Provider.GetDailyPricesAsync("IBM", OutputSize.Compact, adjusted: true, CancellationToken.None);

        Assert.Equal(first, second);
        Assert.Single(_harness.Server.Received);
    }

    [Fact]
    public async Task AnotherSymbolOrParameterIsAnotherEntry()
    {
        await _harness.Provider.GetDailyPricesAsync("IBM", OutputSize.Compact, adjusted: false, CancellationToken.None);

        await _harness.Provider.GetDailyPricesAsync("IBM", OutputSize.Full, adjusted: false, CancellationToken.None);
        await _harness.Provider.GetDailyPricesAsync("AAPL", OutputSize.Compact, adjusted: false, CancellationToken.None);

        Assert.Equal(3, _harness.Server.Received.Count);
    }

    [Fact]
    public async Task AQuoteIsFetchedAgainAfterAMinute()
    {
        await _harness.Provider.GetQuoteAsync("IBM", CancellationToken.None);
        _harness.Clock.Advance(TimeSpan.FromSeconds(59));
        await _harness.Provider.GetQuoteAsync("IBM", CancellationToken.None);
        Assert.Single(_harness.Server.Received);

        _harness.Clock.Advance(TimeSpan.FromSeconds(1));
        await _harness.Provider.GetQuoteAsync("IBM", CancellationToken.None);

        Assert.Equal(2, _harness.Server.Received.Count);
    }

    [Fact]
    public async Task AnOverviewIsReusedForAWeek()
    {
        await _harness.Provider.GetOverviewAsync("IBM", CancellationToken.None);
        _harness.Clock.Advance(TimeSpan.FromDays(6));
        var cached = await _harness.Provider.GetOverviewAsync("IBM", CancellationToken.None);
        Assert.Single(_harness.Server.Received);

        _harness.Clock.Advance(TimeSpan.FromDays(1));
        await _harness.Provider.GetOverviewAsync("IBM", CancellationToken.None);

        Assert.Equal("NYSE", cached.Exchange);
        Assert.Equal(2, _harness.Server.Received.Count);
    }

    [Fact]
    public async Task CacheKeysNameFunctionSymbolAndParametersButNotTheKey()
    {
        await _harness.Provider.GetFxDailyAsync("USD", "EUR", OutputSize.Compact, CancellationToken.None);

        var key = Assert.Single(_harness.Store.CacheKeys);
        Assert.Equal("alphavantage:FX_DAILY?from_symbol=USD&outputsize=compact&to_symbol=EUR", key);
    }

    [Fact]
    public async Task AFunctionWithoutATimeToLiveIsNotCached()
    {
        await using var harness = await ClientHarness.StartAsync(ClientHarness.Settings(("CacheTtl:GLOBAL_QUOTE", "00:00:00")));

        await harness.Provider.GetQuoteAsync("IBM", CancellationToken.None);
        await harness.Provider.GetQuoteAsync("IBM", CancellationToken.None);

        Assert.Equal(2, harness.Server.Received.Count);
        Assert.Empty(harness.Store.CacheKeys);
    }
}
