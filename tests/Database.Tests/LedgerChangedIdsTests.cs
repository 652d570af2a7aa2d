using PortfolioTracker.Database.Tests.Isolation;

namespace PortfolioTracker.Database.Tests;

/// <summary>
/// public.ledger_changed_ids_since(v): the ids of the caller's transactions written since their
/// ledger counter stood at v, which the Portfolio service patches its held ledger with.
/// </summary>
[Collection(DatabaseCollection.Name)]
public class LedgerChangedIdsTests(DatabaseFixture db)
{
    private const string Authenticated = "authenticated";

    /// <summary>How many ids the answer lists; -1 for null (read the whole ledger).</summary>
    private Task<Outcome> CountSinceAsync(Guid user, long held) => db.CountAsync(Authenticated, user,
        "select coalesce(cardinality(public.ledger_changed_ids_since($1)), -1)::bigint", held);

    /// <summary>How many of the listed ids are those of rows dated <paramref name="date"/>.</summary>
    private Task<Outcome> ListedOnAsync(Guid user, long held, string date) => db.CountAsync(Authenticated, user,
        "select count(*) from transactions where user_id = $1 and date = $3::date and id = any(public.ledger_changed_ids_since($2))", user, held, date);

    private Task<Outcome> VersionOfAsync(Guid user) => db.CountAsync(Authenticated, user, "select public.ledger_version()");

    private Task<Outcome> BuyAsync(Guid user, string date, int rows = 1) => db.ExecuteAsync(Authenticated, user,
        """
        with p as (insert into portfolios (user_id, name) values ($1, 'Ids ' || gen_random_uuid()) returning id)
        insert into transactions (user_id, portfolio_id, transaction_type, symbol, quantity, price, date, currency)
        select $1, p.id, 'BUY', 'AAPL', 1, 100, $2::date, 'USD' from p, generate_series(1, $3)
        """, user, date, rows);

    [Fact]
    public async Task ItListsTheIdsWrittenSinceTheHeldVersionAndNoneWhenNothingMoved()
    {
        var user = await db.CreateUserAsync();
        await BuyAsync(user, "2024-01-15");
        var held = (await VersionOfAsync(user)).Rows;
        await BuyAsync(user, "2019-06-03", rows: 2);
        await db.ExecuteAsync(Authenticated, user, "update transactions set quantity = 2 where user_id = $1 and date = date '2024-01-15'", user);

        Assert.Equal(3, (await CountSinceAsync(user, held)).Rows);
        Assert.Equal(2, (await ListedOnAsync(user, held, "2019-06-03")).Rows);
        Assert.Equal(1, (await ListedOnAsync(user, held, "2024-01-15")).Rows);
        Assert.Equal(0, (await CountSinceAsync(user, (await VersionOfAsync(user)).Rows)).Rows);
    }

    [Fact]
    public async Task ADeletedRowsIdIsListedThoughTheRowIsGone()
    {
        var user = await db.CreateUserAsync();
        await BuyAsync(user, "2023-03-01");
        var held = (await VersionOfAsync(user)).Rows;

        await db.ExecuteAsync(Authenticated, user, "delete from transactions where user_id = $1", user);

        Assert.Equal(1, (await CountSinceAsync(user, held)).Rows);
        Assert.Equal(0, (await db.CountAsync(Authenticated, user, "select count(*) from transactions where user_id = $1", user)).Rows);
    }

    [Fact]
    public async Task ABulkStatementAVersionBeyondTheHistoryAndTooManyIdsAnswerNull()
    {
        var user = await db.CreateUserAsync();
        await BuyAsync(user, "2024-01-15", rows: 256); // the most one statement lists
        var beforeBulk = (await VersionOfAsync(user)).Rows;
        var listed = await CountSinceAsync(user, beforeBulk - 1);
        await BuyAsync(user, "2024-01-16", rows: 257);

        Assert.Equal(256, listed.Rows);
        Assert.Equal(-1, (await CountSinceAsync(user, beforeBulk)).Rows);
        Assert.Equal(-1, (await CountSinceAsync(user, beforeBulk - 1)).Rows);
        Assert.Equal(-1, (await CountSinceAsync(user, -5)).Rows);
    }

    [Fact]
    public async Task OthersChangesDoNotShowAndTheApiRolesCannotReadTheRecordDirectly()
    {
        var alice = await db.CreateUserAsync();
        var bob = await db.CreateUserAsync();
        await BuyAsync(alice, "2024-01-15");
        var aliceHeld = (await VersionOfAsync(alice)).Rows;

        await BuyAsync(bob, "2001-01-01");
        var reads = await db.CountAsync(Authenticated, alice, "select count(*) from private.ledger_changes where changed_ids is not null");
        var anon = await db.CountAsync("anon", null, "select coalesce(cardinality(public.ledger_changed_ids_since(0)), -1)::bigint");

        Assert.Equal(0, (await CountSinceAsync(alice, aliceHeld)).Rows);
        Assert.True(reads.IsRefused(), $"read: {reads}");
        Assert.True(anon.IsRefused(), $"anon: {anon}");
    }
}
