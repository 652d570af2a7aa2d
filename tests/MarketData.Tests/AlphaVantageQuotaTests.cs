using PortfolioTracker.MarketData.Providers.AlphaVantage;

namespace PortfolioTracker.MarketData.Tests;

/// <summary>The per-minute and per-day budgets: never exceeded, refused at once, counted in the store.</summary>
public sealed class AlphaVantageQuotaTests
{
    [Fact]
    public async Task WithADailyBudgetOfThreeTheServerSeesAtMostThreeRequestsWhateverIsCalled()
    {
        await using var harness = await ClientHarness.StartAsync(ClientHarness.Settings(("CallsPerDay", 3)));
        harness.Server.Script(FakeReply.Status(500), FakeReply.Abort);
        var provider = harness.Provider;
        Func<Task>[] calls =
        [
            () => provider.GetQuoteAsync("IBM", CancellationToken.None),
            () => provider.GetSplitsAsync("IBM", CancellationToken.None),
            () => provider.GetDividendsAsync("IBM", CancellationToken.None),
            () => provider.GetOverviewAsync("IBM", CancellationToken.None),
            () => provider.GetFxDailyAsync("EUR", "USD", OutputSize.Compact, CancellationToken.None),
            () => provider.GetDailyPricesAsync("AAPL", OutputSize.Compact, adjusted: false, CancellationToken.None),
        ];

        var refusals = 0;
        foreach (var call in calls)
        {
            try
            {
                await call();
            }
            catch (MarketDataRateLimitedException)
            {
                refusals++;
            }
        }

        Assert.Equal(3, harness.Server.Received.Count);
        Assert.Equal(5, refusals);
        Assert.Equal(3, harness.Store.CallCount(AlphaVantageClient.ServiceName, DateOnly.FromDateTime(harness.Clock.GetUtcNow().UtcDateTime)));
    }

    [Fact]
    public async Task ASpentDayIsRefusedAtOnceWithTheTimeUntilMidnightUtc()
    {
        await using var harness = await ClientHarness.StartAsync(ClientHarness.Settings(("CallsPerDay", 1)));
        await harness.Provider.GetQuoteAsync("IBM", CancellationToken.None);

        var refused = await Assert.ThrowsAsync<MarketDataRateLimitedException>(
            () => harness.Provider.GetSplitsAsync("IBM", CancellationToken.None));

        Assert.Equal(RateLimitScope.PerDay, refused.Scope);
        Assert.Equal(TimeSpan.FromHours(9), refused.RetryAfter); // the clock starts at 15:00 UTC
        harness.Clock.Advance(TimeSpan.FromHours(9));
        Assert.Equal(2, (await harness.Provider.GetSplitsAsync("IBM", CancellationToken.None)).Count);
        Assert.Equal(2, harness.Server.Received.Count);
    }

    [Fact]
    public async Task ASpentMinuteIsRefusedUntilTheOldestCallIsAMinuteOld()
    {
        await using var harness = await ClientHarness.StartAsync(ClientHarness.Settings(("CallsPerMinute", 2)));
        await harness.Provider.GetQuoteAsync("IBM", CancellationToken.None);
        harness.Clock.Advance(TimeSpan.FromSeconds(20));
        await harness.Provider.GetSplitsAsync("IBM", CancellationToken.None);

        var refused = await Assert.ThrowsAsync<MarketDataRateLimitedException>(
            () => harness.Provider.GetDividendsAsync("IBM", CancellationToken.None));

        Assert.Equal(RateLimitScope.PerMinute, refused.Scope);
        Assert.Equal(TimeSpan.FromSeconds(40), refused.RetryAfter);
        harness.Clock.Advance(TimeSpan.FromSeconds(40));
        Assert.Equal(4, (await harness.Provider.GetDividendsAsync("IBM", CancellationToken.None)).Count);
        Assert.Equal(3, harness.Server.Received.Count);
    }

    [Fact]
    public async Task RetriesArePaidFromTheSameBudget()
    {
        await using var harness = await ClientHarness.StartAsync(ClientHarness.Settings(("CallsPerDay", 2), ("MaxRetries", 5)));
        harness.Server.Script(10, FakeReply.Status(503));

        await Assert.ThrowsAsync<MarketDataRateLimitedException>(() => harness.Provider.GetQuoteAsync("IBM", CancellationToken.None));

        Assert.Equal(2, harness.Server.Received.Count);
    }

    [Fact]
    public async Task TheDailyCountSurvivesARestart()
    {
        await using var before = await ClientHarness.StartAsync(ClientHarness.Settings(("CallsPerDay", 2)));
        await before.Provider.GetQuoteAsync("IBM", CancellationToken.None);

        await using var after = await ClientHarness.StartAsync(
            ClientHarness.Settings(("CallsPerDay", 2)), before.Store, before.Clock, before.Server);
        await after.Provider.GetSplitsAsync("IBM", CancellationToken.None);
        var refused = await Assert.ThrowsAsync<MarketDataRateLimitedException>(
            () => after.Provider.GetDividendsAsync("IBM", CancellationToken.None));

        Assert.Equal(RateLimitScope.PerDay, refused.Scope);
        Assert.Equal(2, before.Server.Received.Count);
    }

    [Fact]
    public async Task CallsCountedByAnotherReplicaSpendTheDayToo()
    {
        await using var harness = await ClientHarness.StartAsync(ClientHarness.Settings(("CallsPerDay", 3)));
        await harness.Provider.GetQuoteAsync("IBM", CancellationToken.None);
        var today = DateOnly.FromDateTime(harness.Clock.GetUtcNow().UtcDateTime);
        harness.Store.SetCallCount(AlphaVantageClient.ServiceName, today, 3);

        await Assert.ThrowsAsync<MarketDataRateLimitedException>(() => harness.Provider.GetSplitsAsync("IBM", CancellationToken.None));

        Assert.Single(harness.Server.Received);
    }
}
