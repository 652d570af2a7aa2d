using PortfolioTracker.MarketData.Data;
using PortfolioTracker.MarketData.Providers.Resilience;

namespace PortfolioTracker.MarketData.Tests;

/// <summary>The Postgres store against the real schema (migration 012) under RLS as service_role.</summary>
public sealed class ProviderStateRepositoryTests(ProviderStateDatabase database) : IClassFixture<ProviderStateDatabase>
{
    private static readonly DateTimeOffset Now = new(2025, 3, 12, 15, 0, 0, TimeSpan.Zero);
    private readonly ProviderStateRepository _store = database.Store;

    // Each test its own service name: the tests share one database.
    private readonly string _service = "test_" + Guid.NewGuid().ToString("N");

    [Fact]
    public async Task AnUnknownServiceHasNoBreakerAndNoCalls()
    {
        Assert.Null(await _store.LoadBreakerAsync(_service, CancellationToken.None));
        Assert.Equal(0, await _store.GetCallCountAsync(_service, DateOnly.FromDateTime(Now.UtcDateTime), CancellationToken.None));
    }

    [Fact]
    public async Task ABreakerIsSavedAndLoadedBackAsItWas()
    {
        var open = new CircuitBreakerSnapshot(CircuitState.Open, 5, Now, Now.AddMinutes(-3));
        await _store.SaveBreakerAsync(_service, open, CancellationToken.None);
        Assert.Equal(open, await _store.LoadBreakerAsync(_service, CancellationToken.None));

        var halfOpen = open with { State = CircuitState.HalfOpen };
        await _store.SaveBreakerAsync(_service, halfOpen, CancellationToken.None);
        Assert.Equal(halfOpen, await _store.LoadBreakerAsync(_service, CancellationToken.None));

        var closed = new CircuitBreakerSnapshot(CircuitState.Closed, 0, Now, Now.AddSeconds(61));
        await _store.SaveBreakerAsync(_service, closed, CancellationToken.None);
        Assert.Equal(closed, await _store.LoadBreakerAsync(_service, CancellationToken.None));
    }

    [Fact]
    public async Task ANewBreakerWithoutFailuresIsStoredWithNulls()
    {
        var fresh = new CircuitBreakerSnapshot(CircuitState.Closed, 0, null, null);

        await _store.SaveBreakerAsync(_service, fresh, CancellationToken.None);

        Assert.Equal(fresh, await _store.LoadBreakerAsync(_service, CancellationToken.None));
    }

    [Fact]
    public async Task EveryRecordedCallIsCountedPerDay()
    {
        var today = new DateOnly(2025, 3, 12);

        Assert.Equal(1, await _store.RecordCallAsync(_service, today, CancellationToken.None));
        Assert.Equal(2, await _store.RecordCallAsync(_service, today, CancellationToken.None));
        Assert.Equal(1, await _store.RecordCallAsync(_service, today.AddDays(1), CancellationToken.None));

        Assert.Equal(2, await _store.GetCallCountAsync(_service, today, CancellationToken.None));
    }

    [Fact]
    public async Task ConcurrentCallsAreAllCounted()
    {
        var today = new DateOnly(2025, 3, 12);

        var totals = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => _store.RecordCallAsync(_service, today, CancellationToken.None)));

        Assert.Equal(Enumerable.Range(1, 20), totals.Order());
        Assert.Equal(20, await _store.GetCallCountAsync(_service, today, CancellationToken.None));
    }

    [Fact]
    public async Task ACachedResponseIsReadUntilItExpires()
    {
        var key = _service + ":GLOBAL_QUOTE?symbol=IBM";
        await _store.SetCachedAsync(key, """{"Global Quote": {"05. price": "121.7400"}}""", Now, Now.AddMinutes(1), CancellationToken.None);

        var fresh = await _store.GetCachedAsync(key, Now.AddSeconds(59), CancellationToken.None);
        var expired = await _store.GetCachedAsync(key, Now.AddMinutes(1), CancellationToken.None);

        Assert.Contains("\"121.7400\"", fresh);
        Assert.Null(expired);
    }

    [Fact]
    public async Task ACachedResponseIsReplacedByANewerOne()
    {
        var key = _service + ":OVERVIEW?symbol=IBM";
        await _store.SetCachedAsync(key, """{"Name": "old"}""", Now, Now.AddMinutes(1), CancellationToken.None);

        await _store.SetCachedAsync(key, """{"Name": "new"}""", Now.AddMinutes(2), Now.AddDays(7), CancellationToken.None);

        Assert.Contains("new", await _store.GetCachedAsync(key, Now.AddDays(1), CancellationToken.None));
    }
}
