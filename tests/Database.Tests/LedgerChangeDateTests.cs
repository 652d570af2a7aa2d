using PortfolioTracker.Database.Tests.Isolation;

namespace PortfolioTracker.Database.Tests;

/// <summary>
/// public.ledger_changed_since(v): the earliest transaction date changed since the caller's
/// ledger counter stood at v, which the Portfolio service recomputes its metrics state from.
/// </summary>
[Collection(DatabaseCollection.Name)]
public class LedgerChangeDateTests(DatabaseFixture db)
{
    private const string Authenticated = "authenticated";

    /// <summary>Days after 2000-01-01 of the answer; -1 for null (nothing changed).</summary>
    private Task<Outcome> ChangedSinceAsync(Guid user, long held) => db.CountAsync(Authenticated, user,
        "select coalesce((public.ledger_changed_since($1) - date '2000-01-01')::bigint, -1)", held);

    private static long Day(string date) => DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture).DayNumber - new DateOnly(2000, 1, 1).DayNumber;

    private Task<Outcome> VersionOfAsync(Guid user) => db.CountAsync(Authenticated, user, "select public.ledger_version()");

    private Task<Outcome> BuyAsync(Guid user, string date) => db.ExecuteAsync(Authenticated, user,
        """
        with p as (insert into portfolios (user_id, name) values ($1, 'Dated ' || gen_random_uuid()) returning id)
        insert into transactions (user_id, portfolio_id, transaction_type, symbol, quantity, price, date, currency)
        select $1, p.id, 'BUY', 'AAPL', 1, 100, $2::date, 'USD' from p
        """, user, date);

    [Fact]
    public async Task ItAnswersTheEarliestDateWrittenSinceTheHeldVersionAndNullWhenNothingMoved()
    {
        var user = await db.CreateUserAsync();
        await BuyAsync(user, "2024-01-15");
        var first = (await VersionOfAsync(user)).Rows;
        await BuyAsync(user, "2019-06-03"); // backdated
        var second = (await VersionOfAsync(user)).Rows;
        await BuyAsync(user, "2024-05-02"); // today's, say

        Assert.Equal(Day("2019-06-03"), (await ChangedSinceAsync(user, first)).Rows);
        Assert.Equal(Day("2024-05-02"), (await ChangedSinceAsync(user, second)).Rows);
        Assert.Equal(-1, (await ChangedSinceAsync(user, (await VersionOfAsync(user)).Rows)).Rows);
    }

    [Fact]
    public async Task AnUpdateCountsBothTheOldAndTheNewDateAndADeleteItsRowsDate()
    {
        var user = await db.CreateUserAsync();
        await BuyAsync(user, "2023-03-01");
        await BuyAsync(user, "2022-02-01");
        var held = (await VersionOfAsync(user)).Rows;

        await db.ExecuteAsync(Authenticated, user, "update transactions set date = date '2023-09-09' where user_id = $1 and date = date '2023-03-01'", user);
        var afterUpdate = await ChangedSinceAsync(user, held);
        held = (await VersionOfAsync(user)).Rows;
        await db.ExecuteAsync(Authenticated, user, "delete from transactions where user_id = $1 and date = date '2022-02-01'", user);
        var afterDelete = await ChangedSinceAsync(user, held);

        Assert.Equal(Day("2023-03-01"), afterUpdate.Rows);
        Assert.Equal(Day("2022-02-01"), afterDelete.Rows);
    }

    [Fact]
    public async Task AVersionOlderThanTheKeptHistoryMeansFromTheBeginningAndOthersChangesDoNotShow()
    {
        var alice = await db.CreateUserAsync();
        var bob = await db.CreateUserAsync();
        await BuyAsync(alice, "2024-01-15");
        var aliceHeld = (await VersionOfAsync(alice)).Rows;

        await BuyAsync(bob, "2001-01-01");

        Assert.Equal(Day("0001-01-01"), (await ChangedSinceAsync(alice, -5)).Rows);
        Assert.Equal(-1, (await ChangedSinceAsync(alice, aliceHeld)).Rows);
    }

    [Fact]
    public async Task TheApiRolesCannotReadTheChangeDatesDirectly()
    {
        var user = await db.CreateUserAsync();
        await BuyAsync(user, "2024-01-15");

        var reads = await db.CountAsync(Authenticated, user, "select count(*) from private.ledger_changes");
        var anon = await db.CountAsync("anon", null, "select coalesce((public.ledger_changed_since(0) - date '2000-01-01')::bigint, -1)");

        Assert.True(reads.IsRefused(), $"read: {reads}");
        Assert.True(anon.IsRefused(), $"anon: {anon}");
    }
}
