namespace PortfolioTracker.MarketData.Tests;

/// <summary>Server errors, slow answers and broken connections: retried, then reported as Unavailable.</summary>
public sealed class AlphaVantageTransientFaultTests
{
    private static readonly TimeSpan LongerThanTheTimeout = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task ServerErrorIsRetriedAndTheRetrySucceeds()
    {
        await using var harness = await ClientHarness.StartAsync();
        harness.Server.Script(FakeReply.Status(500));

        var quote = await harness.Provider.GetQuoteAsync("IBM", CancellationToken.None);

        Assert.Equal(121.74m, quote.Price);
        Assert.Equal(2, harness.Server.Received.Count);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(503)]
    [InlineData(408)]
    [InlineData(429)]
    public async Task TransientStatusIsRetriedUpToTheLimitThenUnavailable(int status)
    {
        await using var harness = await ClientHarness.StartAsync(ClientHarness.Settings(("MaxRetries", 2)));
        harness.Server.Script(3, FakeReply.Status(status));

        var error = await Assert.ThrowsAsync<MarketDataProviderException>(
            () => harness.Provider.GetQuoteAsync("IBM", CancellationToken.None));

        Assert.Equal(MarketDataProviderErrorKind.Unavailable, error.Kind);
        Assert.Equal(3, harness.Server.Received.Count);
    }

    [Fact]
    public async Task ClientErrorStatusIsNotRetried()
    {
        await using var harness = await ClientHarness.StartAsync();
        harness.Server.Script(FakeReply.Status(404));

        var error = await Assert.ThrowsAsync<MarketDataProviderException>(
            () => harness.Provider.GetQuoteAsync("IBM", CancellationToken.None));

        Assert.False(error.IsRetryable);
        Assert.Single(harness.Server.Received);
    }

    [Fact]
    public async Task SlowAnswerHitsTheAttemptTimeoutAndTheRetrySucceeds()
    {
        await using var harness = await ClientHarness.StartAsync(ClientHarness.Settings(("AttemptTimeout", "00:00:02")));
        harness.Server.Script(FakeReply.Delayed(LongerThanTheTimeout, FakeReply.Fixture(Fixtures.QuoteIbm2020)));

        var quote = await harness.Provider.GetQuoteAsync("IBM", CancellationToken.None);

        Assert.Equal(121.74m, quote.Price);
        Assert.Equal(2, harness.Server.Received.Count);
    }

    [Fact]
    public async Task AnswersThatAreAlwaysSlowEndAsUnavailable()
    {
        await using var harness = await ClientHarness.StartAsync(ClientHarness.Settings(("AttemptTimeout", "00:00:02"), ("MaxRetries", 1)));
        harness.Server.Script(2, FakeReply.Delayed(LongerThanTheTimeout, FakeReply.Fixture(Fixtures.QuoteIbm2020)));

        var error = await Assert.ThrowsAsync<MarketDataProviderException>(
            () => harness.Provider.GetQuoteAsync("IBM", CancellationToken.None));

        Assert.Equal(MarketDataProviderErrorKind.Unavailable, error.Kind);
        Assert.Contains("did not answer within", error.Message);
        Assert.Equal(2, harness.Server.Received.Count);
    }

    [Fact]
    public async Task ConnectionResetIsRetriedAndTheRetrySucceeds()
    {
        await using var harness = await ClientHarness.StartAsync();
        harness.Server.Script(FakeReply.Abort);

        var splits = await harness.Provider.GetSplitsAsync("IBM", CancellationToken.None);

        Assert.Equal(2, splits.Count);
        Assert.Equal(2, harness.Server.Received.Count);
    }

    [Fact]
    public async Task ConnectionsThatAlwaysResetEndAsUnavailable()
    {
        await using var harness = await ClientHarness.StartAsync(ClientHarness.Settings(("MaxRetries", 2)));
        harness.Server.Script(3, FakeReply.Abort);

        var error = await Assert.ThrowsAsync<MarketDataProviderException>(
            () => harness.Provider.GetSplitsAsync("IBM", CancellationToken.None));

        Assert.Equal(MarketDataProviderErrorKind.Unavailable, error.Kind);
        Assert.Equal(3, harness.Server.Received.Count);
    }

    [Fact]
    public async Task TheServiceDefaultsHandlerAddsNoRetriesOfItsOwn()
    {
        await using var harness = await ClientHarness.StartAsync(ClientHarness.Settings(("MaxRetries", 0)));
        harness.Server.Script(5, FakeReply.Status(503));

        await Assert.ThrowsAsync<MarketDataProviderException>(() => harness.Provider.GetQuoteAsync("IBM", CancellationToken.None));

        Assert.Single(harness.Server.Received);
    }

    [Fact]
    public async Task CallerCancellationIsNotRetriedAndNotABreakerFailure()
    {
        await using var harness = await ClientHarness.StartAsync(ClientHarness.Settings(("BreakerFailureThreshold", 1)));
        harness.Server.Script(FakeReply.Delayed(LongerThanTheTimeout, FakeReply.Fixture(Fixtures.QuoteIbm2020)));
        using var cancellation = new CancellationTokenSource();

        var call = harness.Provider.GetQuoteAsync("IBM", cancellation.Token);
        await harness.Server.WaitForRequestsAsync(1);
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.Equal(121.74m, (await harness.Provider.GetQuoteAsync("IBM", CancellationToken.None)).Price);
        Assert.Equal(2, harness.Server.Received.Count);
    }
}
