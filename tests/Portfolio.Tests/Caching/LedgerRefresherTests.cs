using Microsoft.Extensions.Options;
using PortfolioTracker.Portfolio.Application.Metrics;
using PortfolioTracker.Portfolio.Caching;
using PortfolioTracker.Portfolio.Data;

namespace PortfolioTracker.Portfolio.Tests.Caching;

/// <summary>After a write, the user's ledger is read ahead in the background, once per burst of writes.</summary>
public sealed class LedgerRefresherTests(CacheStores stores) : IClassFixture<CacheStores>
{
    private sealed class Lifetime : Microsoft.Extensions.Hosting.IHostApplicationLifetime
    {
        public CancellationToken ApplicationStarted => CancellationToken.None;

        public CancellationToken ApplicationStopping => CancellationToken.None;

        public CancellationToken ApplicationStopped => CancellationToken.None;

        public void StopApplication()
        {
        }
    }

    [Fact]
    public async Task ScheduledRefreshesLeaveTheCurrentLedgerHeld()
    {
        var (user, claims) = await stores.CreateUserAsync();
        var repository = new LedgerRepository();
        using var cache = new LedgerCache(Options.Create(new InMemoryOptions()));
        var refresher = new LedgerRefresher(stores.Database, new LedgerSource(repository, cache), new Lifetime(),
            Microsoft.Extensions.Logging.Abstractions.NullLogger<LedgerRefresher>.Instance);
        var portfolio = await stores.Database.RunAsync(claims, session => session.ExecuteScalarAsync<Guid>(
            "insert into portfolios (user_id, name) values ($1, 'P') returning id", default, user), default);

        foreach (var symbol in new[] { "AAPL", "MSFT", "IBM" })
        {
            await stores.Database.RunAsync(claims, session => session.ExecuteNonQueryAsync(
                """
                insert into transactions (user_id, portfolio_id, transaction_type, symbol, quantity, price, date, currency)
                values ($1, $2, 'BUY', $3, 1, 10, date '2024-01-02', 'USD')
                """, default, user, portfolio, symbol), default);
            refresher.Schedule(claims, user); // a burst: each write asks while the last may still run
        }
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!refresher.IsIdle(user) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }
        var (version, _, _) = await stores.Database.RunAsync(claims, session => repository.ReadVersionAsync(session, user, null, default), default);

        Assert.True(refresher.IsIdle(user));
        Assert.True(cache.TryGet(user, version, out var held), "the held ledger is not the current one");
        Assert.Equal(["AAPL", "IBM", "MSFT"], held.For(null, new DateOnly(2024, 12, 31)).Select(e => e.Symbol).Order());
    }
}
