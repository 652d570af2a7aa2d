using Microsoft.Extensions.Options;
using PortfolioTracker.Portfolio.Caching;
using PortfolioTracker.Portfolio.Data;
using PortfolioTracker.ServiceDefaults.Data;

namespace PortfolioTracker.Portfolio.Tests.Caching;

/// <summary>In-memory ledgers are used only while the database's ledger counter says they are current.</summary>
public sealed class LedgerCacheTests(CacheStores stores) : IClassFixture<CacheStores>
{
    private readonly LedgerRepository _ledgers = new();

    private async Task<Guid> CreatePortfolioAsync(DbClaims claims, Guid user) =>
        await stores.Database.RunAsync(claims, session => session.ExecuteScalarAsync<Guid>(
            "insert into portfolios (user_id, name) values ($1, 'P ' || gen_random_uuid()) returning id", default, user), default);

    private Task BuyAsync(DbClaims claims, Guid user, Guid portfolio, string symbol, string date) =>
        stores.Database.RunAsync(claims, session => session.ExecuteNonQueryAsync(
            """
            insert into transactions (user_id, portfolio_id, transaction_type, symbol, quantity, price, date, currency, commission)
            values ($1, $2, 'BUY', $3, 2.5, 100.125, $4::date, 'USD', 1.5)
            """, default, user, portfolio, symbol, date), default);

    private Task<(long Version, string BaseCurrency, bool PortfolioFound)> VersionAsync(DbClaims claims, Guid user, Guid? portfolio = null) =>
        stores.Database.RunAsync(claims, session => _ledgers.ReadVersionAsync(session, user, portfolio, default), default);

    private Task<UserLedger> ReadAllAsync(DbClaims claims, Guid user, long version) =>
        stores.Database.RunAsync(claims, session => _ledgers.ReadAllAsync(session, user, version, default), default);

    [Fact]
    public async Task AHeldLedgerIsUsedUntilTheUsersTransactionsChange()
    {
        var (user, claims) = await stores.CreateUserAsync();
        var portfolio = await CreatePortfolioAsync(claims, user);
        await BuyAsync(claims, user, portfolio, "AAPL", "2024-01-02");
        using var cache = new LedgerCache(Options.Create(new InMemoryOptions()));
        var (version, baseCurrency, _) = await VersionAsync(claims, user);
        cache.Set(user, await ReadAllAsync(claims, user, version));

        var heldBefore = cache.TryGet(user, (await VersionAsync(claims, user)).Version, out var before);
        await BuyAsync(claims, user, portfolio, "MSFT", "2024-01-03");
        var (changed, _, _) = await VersionAsync(claims, user);
        var heldAfter = cache.TryGet(user, changed, out _);
        var reread = await ReadAllAsync(claims, user, changed);

        Assert.Equal("USD", baseCurrency); // no profile yet: the default
        Assert.True(heldBefore);
        Assert.Equal(["AAPL"], before.For(null, new DateOnly(2024, 12, 31)).Select(e => e.Symbol));
        Assert.NotEqual(version, changed);
        Assert.False(heldAfter);
        Assert.Equal(["AAPL", "MSFT"], reread.For(null, new DateOnly(2024, 12, 31)).Select(e => e.Symbol));
    }

    [Fact]
    public async Task TheLedgerIsReadExactlyAndOnlyTheCallersRowsUnderRls()
    {
        var (alice, aliceClaims) = await stores.CreateUserAsync();
        var (bob, bobClaims) = await stores.CreateUserAsync();
        var portfolio = await CreatePortfolioAsync(aliceClaims, alice);
        await BuyAsync(aliceClaims, alice, portfolio, "AAPL", "2024-01-02");

        var aliceLedger = await ReadAllAsync(aliceClaims, alice, 1);
        var bobAskingForAlice = await ReadAllAsync(bobClaims, alice, 1);
        var bobVersion = await VersionAsync(bobClaims, bob);
        var bobAskingAboutAlicesPortfolio = await VersionAsync(bobClaims, bob, portfolio);
        var aliceAskingAboutHers = await VersionAsync(aliceClaims, alice, portfolio);

        var entry = Assert.Single(aliceLedger.For(null, new DateOnly(2024, 1, 2)));
        Assert.Equal((TransactionType.Buy, 2.5m, 100.125m, 1.5m, "USD"), (entry.Type, entry.Quantity, entry.Price, entry.Commission, entry.Currency));
        Assert.Equal(0, bobAskingForAlice.Count);
        Assert.Equal(0, bobVersion.Version);
        Assert.False(bobAskingAboutAlicesPortfolio.PortfolioFound);
        Assert.True(aliceAskingAboutHers.PortfolioFound);
    }

    [Fact]
    public async Task OneHeldLedgerAnswersForEachPortfolioAndDateInProcessingOrder()
    {
        var (user, claims) = await stores.CreateUserAsync();
        var first = await CreatePortfolioAsync(claims, user);
        var second = await CreatePortfolioAsync(claims, user);
        await BuyAsync(claims, user, second, "IBM", "2024-03-01");
        await BuyAsync(claims, user, first, "AAPL", "2024-01-02");
        await BuyAsync(claims, user, first, "MSFT", "2024-02-01");
        var ledger = await ReadAllAsync(claims, user, (await VersionAsync(claims, user)).Version);

        Assert.Equal(["AAPL", "MSFT", "IBM"], ledger.For(null, new DateOnly(2024, 12, 31)).Select(e => e.Symbol));
        Assert.Equal(["AAPL", "MSFT"], ledger.For(first, new DateOnly(2024, 12, 31)).Select(e => e.Symbol));
        Assert.Equal(["AAPL"], ledger.For(first, new DateOnly(2024, 1, 31)).Select(e => e.Symbol));
        Assert.Equal(["AAPL", "MSFT"], ledger.For(null, new DateOnly(2024, 2, 1)).Select(e => e.Symbol));
        Assert.Empty(ledger.For(second, new DateOnly(2024, 2, 29)));
        Assert.Empty(ledger.For(Guid.NewGuid(), new DateOnly(2024, 12, 31)));
    }

    [Fact]
    public async Task LedgersBeyondTheBudgetAreNotHeld()
    {
        var (user, claims) = await stores.CreateUserAsync();
        var portfolio = await CreatePortfolioAsync(claims, user);
        await BuyAsync(claims, user, portfolio, "AAPL", "2024-01-02");
        await BuyAsync(claims, user, portfolio, "MSFT", "2024-01-03");
        var version = (await VersionAsync(claims, user)).Version;
        using var tiny = new LedgerCache(Options.Create(new InMemoryOptions { LedgerEntries = 1 }));

        tiny.Set(user, await ReadAllAsync(claims, user, version));

        Assert.False(tiny.TryGet(user, version, out _));
    }
}
