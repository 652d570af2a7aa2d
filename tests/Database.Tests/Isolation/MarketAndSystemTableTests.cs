using Npgsql;
using static PortfolioTracker.Database.Tests.Isolation.Catalog;

namespace PortfolioTracker.Database.Tests.Isolation;

/// <summary>
/// Market data is read by every signed-in user and written by service_role only; system
/// tables are service_role's alone; anon reaches none of them. A table of the access matrix
/// that does not exist yet is reported as a failure.
/// </summary>
[Collection(DatabaseCollection.Name)]
public class MarketAndSystemTableTests(DatabaseFixture db)
{
    private const string Authenticated = "authenticated";
    private const string ServiceRole = "service_role";
    private const string Anon = "anon";

    [Fact]
    public async Task SignedInUsersReadMarketDataButCannotWriteIt()
    {
        var findings = new Findings();
        var user = await db.CreateUserAsync();

        foreach (var table in AccessMatrix.MarketTables)
        {
            if (await ArrangeRowAsync(table, findings) is not { } key)
            {
                continue;
            }
            var before = await RowAsync(db, table, key);

            var reads = await db.CountAsync(Authenticated, user, $"select count(*) from {Name(table)} x where to_jsonb(x) @> $1::jsonb", key);
            var writes = await AttemptWritesAsync(table, Authenticated, user, before!, key);

            findings.Expect(reads.Is(1), table, "a signed-in user reads the market row", reads);
            foreach (var (operation, outcome) in writes)
            {
                findings.Expect(outcome.IsRefused(), table, $"a signed-in user's {operation} is refused (42501)", outcome);
            }
            findings.Expect(await RowAsync(db, table, key) == before, table, "the row is unchanged by the refused writes");
        }

        findings.AssertNone("market tables for authenticated");
    }

    [Fact]
    public async Task SignedInUsersCannotReadOrWriteSystemTables()
    {
        var findings = new Findings();
        var user = await db.CreateUserAsync();

        foreach (var table in AccessMatrix.SystemTables)
        {
            if (await ArrangeRowAsync(table, findings) is not { } key)
            {
                continue;
            }
            var before = await RowAsync(db, table, key);

            var reads = await db.CountAsync(Authenticated, user, $"select count(*) from {Name(table)}");
            var writes = await AttemptWritesAsync(table, Authenticated, user, before!, key);

            findings.Expect(reads.IsRefused(), table, "a signed-in user cannot read a system table (no grant: 42501)", reads);
            foreach (var (operation, outcome) in writes)
            {
                findings.Expect(outcome.IsRefused(), table, $"a signed-in user's {operation} is refused (42501)", outcome);
            }
            findings.Expect(await RowAsync(db, table, key) == before, table, "the row is unchanged by the refused writes");
        }

        findings.AssertNone("system tables for authenticated");
    }

    [Fact]
    public async Task AnonCannotReadOrWriteMarketOrSystemTables()
    {
        var findings = new Findings();

        foreach (var table in AccessMatrix.MarketTables.Concat(AccessMatrix.SystemTables))
        {
            if (await ArrangeRowAsync(table, findings) is not { } key)
            {
                continue;
            }
            var before = await RowAsync(db, table, key);

            var reads = await db.CountAsync(Anon, null, $"select count(*) from {Name(table)}");
            var writes = await AttemptWritesAsync(table, Anon, null, before!, key);

            findings.Expect(reads.IsRefused(), table, "anon cannot read (42501)", reads);
            foreach (var (operation, outcome) in writes)
            {
                findings.Expect(outcome.IsRefused(), table, $"anon's {operation} is refused (42501)", outcome);
            }
            findings.Expect(await RowAsync(db, table, key) == before, table, "the row is unchanged by the refused writes");
        }

        findings.AssertNone("market and system tables for anon");
    }

    [Fact]
    public async Task ServiceRoleInsertsUpdatesAndDeletesMarketAndSystemRows()
    {
        var findings = new Findings();

        foreach (var table in AccessMatrix.MarketTables.Concat(AccessMatrix.SystemTables))
        {
            // The insert is service_role's (ArrangeRowAsync inserts as service_role).
            if (await ArrangeRowAsync(table, findings) is not { } key)
            {
                continue;
            }
            var column = Quote(await FirstColumnAsync(db, table));

            var reads = await db.CountAsync(ServiceRole, null, $"select count(*) from {Name(table)} x where to_jsonb(x) @> $1::jsonb", key);
            var updates = await db.ExecuteAsync(ServiceRole, null, $"update {Name(table)} as x set {column} = x.{column} where to_jsonb(x) @> $1::jsonb", key);
            var deletes = await db.ExecuteAsync(ServiceRole, null, $"delete from {Name(table)} as x where to_jsonb(x) @> $1::jsonb", key);

            findings.Expect(reads.Is(1), table, "service_role reads the row", reads);
            findings.Expect(updates.Is(1), table, "service_role updates the row", updates);
            findings.Expect(deletes.Is(1), table, "service_role deletes the row", deletes);
            findings.Expect(await RowAsync(db, table, key) is null, table, "the row is gone after service_role's delete");
        }

        findings.AssertNone("market and system tables for service_role");
    }

    /// <summary>Inserts one row as service_role and returns its key (jsonb text), or reports why not.</summary>
    private async Task<string?> ArrangeRowAsync(string table, Findings findings)
    {
        if (!await ExistsAsync(db, table))
        {
            findings.Add(table, "the table does not exist (the access matrix expects it)");
            return null;
        }

        string sql;
        try
        {
            sql = await ServiceRows.InsertFor(db, table);
        }
        catch (InvalidOperationException e)
        {
            findings.Add(table, e.Message);
            return null;
        }

        try
        {
            var row = await db.AsAsync(ServiceRole, null, async (connection, transaction) =>
            {
                await using var command = new NpgsqlCommand($"{sql} returning to_jsonb({Quote(table)})::text", connection, transaction);
                command.Parameters.Add(new NpgsqlParameter { Value = ServiceRows.Token() });
                return (string)(await command.ExecuteScalarAsync())!;
            });
            return await KeyOfAsync(db, table, row);
        }
        catch (PostgresException e)
        {
            findings.Add(table, $"service_role cannot insert a sample row: {e.SqlState} {e.MessageText}");
            return null;
        }
    }

    /// <summary>An insert of a copy, an update and a delete of the arranged row, each in its own transaction.</summary>
    private async Task<IReadOnlyList<(string Operation, Outcome Outcome)>> AttemptWritesAsync(
        string table, string role, Guid? user, string row, string key)
    {
        var (copySql, copy) = await CopyRowInsertAsync(db, table, row);
        var column = Quote(await FirstColumnAsync(db, table));
        return
        [
            ("insert", await db.ExecuteAsync(role, user, copySql, copy)),
            ("update", await db.ExecuteAsync(role, user, $"update {Name(table)} as x set {column} = x.{column} where to_jsonb(x) @> $1::jsonb", key)),
            ("delete", await db.ExecuteAsync(role, user, $"delete from {Name(table)} as x where to_jsonb(x) @> $1::jsonb", key)),
        ];
    }

    private static string Name(string table) => "public." + Quote(table);
}
