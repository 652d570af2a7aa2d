using System.Globalization;
using PortfolioTracker.Database.Tests.Isolation;

namespace PortfolioTracker.Database.Tests;

/// <summary>
/// New transactions and their audit rows get time-ordered ids (public.uuid_time_ordered, 078):
/// version 7, the insert's millisecond clock in the first 48 bits, and still unique, so a large
/// import appends to the end of each primary key instead of touching pages all over it. A
/// statement that inserts many rows draws once and counts up (public.uuid_time_ordered_run, 081).
/// </summary>
[Collection(DatabaseCollection.Name)]
public class TimeOrderedIdTests(DatabaseFixture db)
{
    private const string Authenticated = "authenticated";

    [Fact]
    public async Task AnImportsRowsAndTheirAuditRowsGetVersion7IdsInTheOrderOfTheirClock()
    {
        var user = await db.CreateUserAsync();
        var before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

        var inserted = await db.ExecuteAsync(Authenticated, user,
            """
            with p as (insert into portfolios (user_id, name) values ($1, 'Ordered ids') returning id)
            insert into transactions (user_id, portfolio_id, transaction_type, symbol, quantity, price, date, currency)
            select $1, p.id, 'BUY', 'AAPL', g, 150.75, date '2024-01-15', 'USD' from p, generate_series(1, 2000) as g
            """, user);
        var after = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

        Assert.True(inserted.Succeeded && inserted.Rows == 2000, $"insert: {inserted}");
        foreach (var (table, rows) in new[] { ("transactions", "true"), ("audit_log", "table_name = 'transactions'") })
        {
            var facts = await db.ScalarAsync<string>(
                $"""
                select concat_ws(' ', count(*), count(distinct id),
                       bool_and(substr(id::text, 15, 1) = '7' and substr(id::text, 20, 1) in ('8', '9', 'a', 'b')),
                       min(('x' || lpad(replace(substr(id::text, 1, 13), '-', ''), 16, '0'))::bit(64)::bigint),
                       max(('x' || lpad(replace(substr(id::text, 1, 13), '-', ''), 16, '0'))::bit(64)::bigint))
                from public.{table} where user_id = $1 and {rows}
                """, user);
            var parts = facts.Split(' ');
            Assert.True(parts[0] == "2000" && parts[1] == "2000", $"{table}: {facts} (rows, distinct ids)");
            Assert.True(parts[2] == "t", $"{table}: not every id has version 7 and the RFC variant ({facts})");
            // The first 48 bits are the Unix milliseconds of the insert (the database's clock and this one agree within a second).
            Assert.InRange(long.Parse(parts[3]), before - 1_000, after + 1_000);
            Assert.InRange(long.Parse(parts[4]), long.Parse(parts[3]), after + 1_000);
        }
    }

    [Fact]
    public async Task ARunOfIdsSharesItsClockAndCountsUpInTheLast64Bits()
    {
        var before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var ids = await db.ScalarAsync<string>(
            """
            select string_agg(public.uuid_time_ordered_nth(run.prefix, run.counter, g)::text, ' ' order by g)
            from public.uuid_time_ordered_run() as run, generate_series(1, 3) as g
            """);
        var after = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

        var hex = ids.Split(' ').Select(id => id.Replace("-", "", StringComparison.Ordinal)).ToArray();
        Assert.Equal(3, hex.Length);
        Assert.All(hex, h => Assert.Equal(hex[0][..16], h[..16]));
        Assert.InRange(Convert.ToInt64(hex[0][..12], 16), before - 1_000, after + 1_000);
        Assert.All(hex, h => Assert.Equal('7', h[12]));
        var last = hex.Select(h => ulong.Parse(h[16..], NumberStyles.HexNumber, CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal([last[0], last[0] + 1, last[0] + 2], last);
        // The variant (top two bits 10) and a cleared bit 61 leave room to count 2^61 ids.
        Assert.Equal(0b100UL, last[0] >> 61);
    }

    [Fact]
    public async Task TheLastIdOfTheLongestRunStillHasTheRfcVariant()
    {
        // The largest counter a run can start from: variant 10, bit 61 cleared, every other bit set.
        var id = await db.ScalarAsync<string>(
            "select public.uuid_time_ordered_nth('0123456789ab7def', (x'9fffffffffffffff')::bigint, 2305843009213693952)::text");

        Assert.Equal("01234567-89ab-7def-bfff-ffffffffffff", id);
    }
}
