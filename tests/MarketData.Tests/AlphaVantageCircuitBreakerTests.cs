using PortfolioTracker.MarketData.Providers.AlphaVantage;
using PortfolioTracker.MarketData.Providers.Resilience;

namespace PortfolioTracker.MarketData.Tests;

/// <summary>The breaker in front of a real server: what reaches the server while it is open.</summary>
public sealed class AlphaVantageCircuitBreakerTests : IAsyncLifetime
{
    private ClientHarness _harness = null!;

    // No retries, so each call is one request and failures are easy to count.
    public async Task InitializeAsync() => _harness = await ClientHarness.StartAsync(ClientHarness.Settings(("MaxRetries", 0)));

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task OpensAfterFiveConsecutiveFailuresAndThenNoRequestReachesTheServer()
    {
        await FailCallsAsync(5);

        var refused = await Assert.ThrowsAsync<MarketDataCircuitOpenException>(
            () => _harness.Provider.GetQuoteAsync("IBM", CancellationToken.None));
        await Assert.ThrowsAsync<MarketDataCircuitOpenException>(
            () => _harness.Provider.GetSplitsAsync("IBM", CancellationToken.None));

        Assert.Equal(MarketDataProviderErrorKind.Unavailable, refused.Kind);
        Assert.Equal(TimeSpan.FromSeconds(60), refused.RetryAfter);
        Assert.Equal(5, _harness.Server.Received.Count);
        Assert.Equal(CircuitState.Open, _harness.Store.Breaker(AlphaVantageClient.ServiceName)?.State);
    }

    [Fact]
    public async Task InvalidSymbolsDoNotOpenTheBreaker()
    {
        for (var i = 0; i < 6; i++)
        {
            await Assert.ThrowsAsync<MarketDataProviderException>(() => _harness.Provider.GetQuoteAsync("NOSUCH", CancellationToken.None));
        }

        Assert.Equal(121.74m, (await _harness.Provider.GetQuoteAsync("IBM", CancellationToken.None)).Price);
        Assert.Equal(7, _harness.Server.Received.Count);
    }

    [Fact]
    public async Task AfterTheBreakExactlyOneTrialRequestGoesOutAndItsSuccessCloses()
    {
        await FailCallsAsync(5);
        _harness.Clock.Advance(TimeSpan.FromSeconds(60));
        _harness.Server.Script(FakeReply.Delayed(TimeSpan.FromMilliseconds(300), FakeReply.Fixture(Fixtures.QuoteIbm2020)));

        var trial = _harness.Provider.GetQuoteAsync("IBM", CancellationToken.None);
        await _harness.Server.WaitForRequestsAsync(6);
        var duringTrial = await Assert.ThrowsAsync<MarketDataCircuitOpenException>(
            () => _harness.Provider.GetSplitsAsync("IBM", CancellationToken.None));

        Assert.Equal(121.74m, (await trial).Price);
        Assert.Equal(6, _harness.Server.Received.Count);
        Assert.Equal(CircuitState.Closed, _harness.Store.Breaker(AlphaVantageClient.ServiceName)?.State);
        Assert.Equal(2, (await _harness.Provider.GetSplitsAsync("IBM", CancellationToken.None)).Count);
        Assert.Equal(7, _harness.Server.Received.Count);
        Assert.Equal(TimeSpan.Zero, duringTrial.RetryAfter);
    }

    [Fact]
    public async Task AFailedTrialReopensTheBreaker()
    {
        await FailCallsAsync(5);
        _harness.Clock.Advance(TimeSpan.FromSeconds(60));
        _harness.Server.Script(FakeReply.Status(500));

        await Assert.ThrowsAsync<MarketDataProviderException>(() => _harness.Provider.GetQuoteAsync("IBM", CancellationToken.None));
        var refused = await Assert.ThrowsAsync<MarketDataCircuitOpenException>(
            () => _harness.Provider.GetQuoteAsync("IBM", CancellationToken.None));

        Assert.Equal(6, _harness.Server.Received.Count);
        Assert.Equal(TimeSpan.FromSeconds(60), refused.RetryAfter);
    }

    [Fact]
    public async Task AnOpenBreakerStaysOpenAcrossARestart()
    {
        await FailCallsAsync(5);
        _harness.Clock.Advance(TimeSpan.FromSeconds(20));

        await using var restarted = await ClientHarness.StartAsync(
            ClientHarness.Settings(("MaxRetries", 0)), _harness.Store, _harness.Clock, _harness.Server);
        var refused = await Assert.ThrowsAsync<MarketDataCircuitOpenException>(
            () => restarted.Provider.GetQuoteAsync("IBM", CancellationToken.None));

        Assert.Equal(TimeSpan.FromSeconds(40), refused.RetryAfter);
        Assert.Equal(5, _harness.Server.Received.Count);
    }

    [Fact]
    public async Task RetriesStopOnceTheBreakerOpens()
    {
        await using var harness = await ClientHarness.StartAsync(ClientHarness.Settings(("MaxRetries", 10), ("BreakerFailureThreshold", 3)));
        harness.Server.Script(20, FakeReply.Status(500));

        await Assert.ThrowsAsync<MarketDataCircuitOpenException>(() => harness.Provider.GetQuoteAsync("IBM", CancellationToken.None));

        Assert.Equal(3, harness.Server.Received.Count);
    }

    private async Task FailCallsAsync(int count)
    {
        _harness.Server.Script(count, FakeReply.Status(500));
        for (var i = 0; i < count; i++)
        {
            var error = await Assert.ThrowsAsync<MarketDataProviderException>(
                () => _harness.Provider.GetQuoteAsync("IBM", CancellationToken.None));
            Assert.IsNotType<MarketDataCircuitOpenException>(error);
        }
    }
}
