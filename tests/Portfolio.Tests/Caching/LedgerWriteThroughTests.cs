using System.Net;
using Microsoft.Extensions.DependencyInjection;
using PortfolioTracker.Portfolio.Application.Metrics;
using PortfolioTracker.Portfolio.Caching;
using PortfolioTracker.Portfolio.Data;
using PortfolioTracker.Portfolio.Domain.Metrics;
using PortfolioTracker.Portfolio.Tests.Import;
using PortfolioTracker.ServiceDefaults.Data;
using PortfolioTracker.TestSupport;

namespace PortfolioTracker.Portfolio.Tests.Caching;

/// <summary>
/// A write of transactions hands its own rows to the held ledger: when its answer arrives, the
/// ledger held is the database's current one, equal to a full read, and no re-read was needed.
/// A held copy that missed a change elsewhere is not patched but read again.
/// </summary>
public sealed class LedgerWriteThroughTests(ServiceHarness<Program> harness) : IClassFixture<ServiceHarness<Program>>
{
    private static readonly string[] Tickers = ["AAPL", "MSFT", "KO"];

    /// <summary>Buys and sells, one row every other day from <paramref name="first"/>.</summary>
    private static string File(int rows, int seed, DateOnly first) => GeneratedFiles.BuysAndSells(Tickers, rows, seed, first, step: 2);

    private LedgerCache Cache => harness.Services.GetRequiredService<LedgerCache>();

    private LedgerRefresher Refresher => harness.Services.GetRequiredService<LedgerRefresher>();

    private async Task<HttpStatusCode> SendAsync(HttpMethod method, string path, object? body, Guid user) =>
        (await harness.SendJsonAsync(method, path, body, harness.Tokens.ForUser(user))).Status;

    /// <summary>The database's counter and the whole ledger read at it, as the metrics path reads them.</summary>
    private async Task<(long Version, UserLedger Ledger)> ReadAsync(Guid user)
    {
        var database = harness.Services.GetRequiredService<RlsDatabase>();
        var ledgers = harness.Services.GetRequiredService<LedgerRepository>();
        return await database.RunAsync(DbClaims.ForUser(user), async session =>
        {
            var (version, _, _) = await ledgers.ReadVersionAsync(session, user, null, default);
            return (version, await ledgers.ReadAllAsync(session, user, version, default));
        }, default);
    }

    /// <summary>Held right away (no refresh pending), at the current version, entry for entry a full read.</summary>
    private async Task AssertHeldIsCurrentAsync(Guid user)
    {
        Assert.True(Refresher.IsIdle(user), "the write scheduled a re-read instead of applying its rows");
        var (version, full) = await ReadAsync(user);
        Assert.True(Cache.TryGet(user, version, out var held), $"no ledger held at version {version}");
        Assert.Equal(full.WithPortfolios(), held.WithPortfolios());
    }

    [Fact]
    public async Task ImportsCreatesUpdatesAndDeletesLeaveTheCurrentLedgerHeldWithoutReadingIt()
    {
        var user = await harness.AddUserAsync();

        Assert.Equal(HttpStatusCode.OK, await SendAsync(HttpMethod.Post, "/v1/transactions:import", new { content = File(1_500, seed: 1, new DateOnly(2010, 1, 4)) }, user));
        await AssertHeldIsCurrentAsync(user);
        // Interleaved with the first file: every row lands between held ones.
        Assert.Equal(HttpStatusCode.OK, await SendAsync(HttpMethod.Post, "/v1/transactions:import", new { content = File(1_500, seed: 2, new DateOnly(2010, 1, 5)) }, user));
        await AssertHeldIsCurrentAsync(user);

        var created = await harness.SendJsonAsync(HttpMethod.Post, "/v1/transactions",
            new { transactionType = "BUY", symbol = "IBM", quantity = "3", price = "140.25", date = "2020-06-01", currency = "USD", commission = "2" },
            harness.Tokens.ForUser(user));
        Assert.Equal(HttpStatusCode.OK, created.Status);
        await AssertHeldIsCurrentAsync(user);
        var id = (string)created.Body["id"]!;

        // Moved years forward: the entry leaves its place in the order and takes a new one.
        Assert.Equal(HttpStatusCode.OK, await SendAsync(HttpMethod.Patch, $"/v1/transactions/{id}", new { date = "2024-02-01", quantity = "4" }, user));
        await AssertHeldIsCurrentAsync(user);
        Assert.Equal(HttpStatusCode.OK, await SendAsync(HttpMethod.Delete, $"/v1/transactions/{id}", null, user));
        await AssertHeldIsCurrentAsync(user);
    }

    [Fact]
    public async Task AHeldLedgerThatMissedAChangeIsReadAgainInsteadOfPatched()
    {
        var user = await harness.AddUserAsync();
        Assert.Equal(HttpStatusCode.OK, await SendAsync(HttpMethod.Post, "/v1/transactions:import", new { content = File(300, seed: 3, new DateOnly(2022, 3, 1)) }, user));
        await AssertHeldIsCurrentAsync(user);
        var (before, _) = await ReadAsync(user);

        // A change this process did not make (another replica, say): the held copy falls one version behind.
        await harness.ExecuteAsync(
            """
            insert into transactions (user_id, portfolio_id, transaction_type, symbol, quantity, price, date, currency)
            select user_id, portfolio_id, 'BUY', 'NVDA', 5, 100, date '2022-03-02', 'USD' from transactions where user_id = $1 limit 1
            """, user);
        Assert.Equal(HttpStatusCode.OK, await SendAsync(HttpMethod.Post, "/v1/transactions:import", new { content = File(300, seed: 4, new DateOnly(2022, 3, 3)) }, user));

        // Patching the copy with this import alone would lose the other change: it is read again instead.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!Refresher.IsIdle(user) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }
        var (version, full) = await ReadAsync(user);
        Assert.Equal(before + 2, version);
        Assert.True(Cache.TryGet(user, version, out var held), $"no ledger held at version {version}");
        Assert.Equal(full.WithPortfolios(), held.WithPortfolios());
        Assert.Contains(held.WithPortfolios(), e => e.Entry.Symbol == "NVDA");
    }
}
