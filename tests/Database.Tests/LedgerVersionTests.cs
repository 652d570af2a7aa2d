using PortfolioTracker.Database.Tests.Isolation;

namespace PortfolioTracker.Database.Tests;

/// <summary>
/// public.ledger_version(): the counter the Portfolio service compares its in-memory ledgers
/// with. It must move on every change to a user's transactions, and only that user's.
/// </summary>
[Collection(DatabaseCollection.Name)]
public class LedgerVersionTests(DatabaseFixture db)
{
    private const string Authenticated = "authenticated";

    private Task<Outcome> VersionOfAsync(Guid user) => db.CountAsync(Authenticated, user, "select public.ledger_version()");

    private Task<Outcome> BuyAsync(Guid user, int quantity = 10) => db.ExecuteAsync(Authenticated, user,
        """
        with p as (insert into portfolios (user_id, name) values ($1, 'Versioned ' || gen_random_uuid()) returning id)
        insert into transactions (user_id, portfolio_id, transaction_type, symbol, quantity, price, date, currency)
        select $1, p.id, 'BUY', 'AAPL', $2, 150.75, date '2024-01-15', 'USD' from p
        """, user, quantity);

    [Fact]
    public async Task IsZeroUntilTheFirstTransactionAndMovesOnEveryInsertUpdateAndDelete()
    {
        var user = await db.CreateUserAsync();
        var initial = await VersionOfAsync(user);

        await BuyAsync(user);
        var afterInsert = await VersionOfAsync(user);
        await db.ExecuteAsync(Authenticated, user, "update transactions set notes = 'edited' where user_id = $1", user);
        var afterUpdate = await VersionOfAsync(user);
        await db.ExecuteAsync(Authenticated, user, "delete from transactions where user_id = $1", user);
        var afterDelete = await VersionOfAsync(user);

        Assert.True(initial.Is(0), $"initial: {initial}");
        Assert.True(afterInsert.Succeeded && afterInsert.Rows > 0, $"after insert: {afterInsert}");
        Assert.True(afterUpdate.Rows > afterInsert.Rows, $"after update: {afterUpdate} (was {afterInsert})");
        Assert.True(afterDelete.Rows > afterUpdate.Rows, $"after delete: {afterDelete} (was {afterUpdate})");
    }

    [Fact]
    public async Task AManyRowStatementMovesItOnceAndAnotherUsersChangesDoNotMoveIt()
    {
        var alice = await db.CreateUserAsync();
        var bob = await db.CreateUserAsync();
        await BuyAsync(alice);
        await BuyAsync(alice);
        await BuyAsync(bob);
        var aliceBefore = await VersionOfAsync(alice);
        var bobBefore = await VersionOfAsync(bob);

        var updated = await db.ExecuteAsync(Authenticated, alice, "update transactions set notes = 'both' where user_id = $1", alice);
        await db.ExecuteAsync(Authenticated, bob, "update transactions set notes = 'bob' where user_id = $1", bob);
        await db.ExecuteAsync(Authenticated, bob, "update transactions set notes = 'bob again' where user_id = $1", bob);

        Assert.True(updated.Is(2), $"update: {updated}");
        Assert.Equal(aliceBefore.Rows + 1, (await VersionOfAsync(alice)).Rows);
        Assert.Equal(bobBefore.Rows + 2, (await VersionOfAsync(bob)).Rows);
    }

    [Fact]
    public async Task DeletingAPortfolioMovesItThroughTheCascade()
    {
        var user = await db.CreateUserAsync();
        await BuyAsync(user);
        var before = await VersionOfAsync(user);

        var deleted = await db.ExecuteAsync(Authenticated, user, "delete from portfolios where user_id = $1", user);

        Assert.True(deleted.Succeeded && deleted.Rows > 0, $"delete: {deleted}");
        Assert.Equal(before.Rows + 1, (await VersionOfAsync(user)).Rows);
    }

    [Fact]
    public async Task DeletingAUserWithTransactionsSucceedsAndTakesTheCounterAlong()
    {
        var user = await db.CreateUserAsync();
        await BuyAsync(user);

        await db.ScalarAsync<int>("with gone as (delete from auth.users where id = $1 returning 1) select count(*)::int from gone", user);

        Assert.Equal(0L, await db.ScalarAsync<long>("select count(*) from private.ledger_versions where user_id = $1", user));
    }

    [Fact]
    public async Task TheApiRolesCannotReadOrWriteTheCountersDirectly()
    {
        var user = await db.CreateUserAsync();
        await BuyAsync(user);

        var reads = await db.CountAsync(Authenticated, user, "select count(*) from private.ledger_versions");
        var writes = await db.ExecuteAsync(Authenticated, user, "update private.ledger_versions set version = 1");
        var anon = await db.CountAsync("anon", null, "select public.ledger_version()");

        Assert.True(reads.IsRefused(), $"read: {reads}");
        Assert.True(writes.IsRefused(), $"write: {writes}");
        Assert.True(anon.IsRefused(), $"anon: {anon}");
    }

    [Fact]
    public async Task OnlyTheServiceRoleReadsEveryUsersLedgerVersion()
    {
        var user = await db.CreateUserAsync();
        await BuyAsync(user);
        var ownVersion = await VersionOfAsync(user);

        var asUser = await db.CountAsync(Authenticated, user, "select count(*) from public.ledger_versions_for_service()");
        var asService = await db.CountAsync("service_role", null,
            "select version from public.ledger_versions_for_service() where user_id = $1", user);

        Assert.True(asUser.IsRefused(), $"as a user: {asUser}");
        Assert.True(asService.Succeeded && asService.Rows == ownVersion.Rows && ownVersion.Rows > 0, $"as service_role: {asService} (own {ownVersion})");
    }
}
