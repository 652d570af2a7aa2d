using System.Text.Json;
using Npgsql;
using PortfolioTracker.Operations.UserData;
using PortfolioTracker.Operator.Console;

namespace PortfolioTracker.Operator.Tests;

[Collection(SuiteCollection.Name)]
public sealed class UserExportImportTests(SuiteFixture suite)
{
    private readonly string _folder = Directory.CreateTempSubdirectory("pt-exports-").FullName;

    [Fact]
    public async Task Export_then_delete_the_user_then_import_gives_identical_rows()
    {
        var database = await suite.CreateMigratedDatabaseAsync("export");
        var user = await SampleUser.CreateAsync(suite.AdminConnectionString(database));
        await SampleUser.CreateAsync(suite.AdminConnectionString(database));
        var before = await CanonicalRowsAsync(database, user);
        var file = await ExportAsync(database, user.ToString());
        await suite.ExecuteAsync($"delete from auth.users where id = '{user}'", database);
        OnlyErasedAuditRowsAreLeft(await CanonicalRowsAsync(database, user));

        var result = await OperatorRun.RunAsync(["import-user", file, "--json", .. suite.Flags(database)]);

        Assert.True(result.ExitCode == ExitCodes.Ok, result.Error);
        Assert.Equal(before, await CanonicalRowsAsync(database, user));
    }

    [Fact]
    public async Task Import_into_a_fresh_database_gives_identical_rows()
    {
        var source = await suite.CreateMigratedDatabaseAsync("source");
        var user = await SampleUser.CreateAsync(suite.AdminConnectionString(source), "fresh.copy@example.com");
        var file = await ExportAsync(source, "Fresh.Copy@example.com");
        var fresh = await suite.CreateMigratedDatabaseAsync("fresh");

        var result = await OperatorRun.RunAsync(["import-user", file, .. suite.Flags(fresh)]);

        Assert.True(result.ExitCode == ExitCodes.Ok, result.Error);
        var expected = await CanonicalRowsAsync(source, user);
        Assert.Equal(expected, await CanonicalRowsAsync(fresh, user));
        Assert.Contains(expected, t => t.Key == "public.transactions" && t.Value.Count == 1);
        Assert.Contains(expected, t => t.Key == "public.audit_log" && t.Value.Count > 0);
    }

    [Fact]
    public async Task A_users_export_never_contains_a_row_of_another_user()
    {
        var database = await suite.CreateMigratedDatabaseAsync("isolation");
        var a = await SampleUser.CreateAsync(suite.AdminConnectionString(database));
        var b = await SampleUser.CreateAsync(suite.AdminConnectionString(database));

        var file = await ExportAsync(database, a.ToString());

        var text = await File.ReadAllTextAsync(file);
        Assert.DoesNotContain(b.ToString(), text, StringComparison.OrdinalIgnoreCase);
        using var json = JsonDocument.Parse(text);
        var rows = 0;
        foreach (var table in json.RootElement.GetProperty("tables").EnumerateArray())
        {
            var owner = table.GetProperty("ownerColumn").GetString()!;
            foreach (var row in table.GetProperty("rows").EnumerateArray())
            {
                Assert.Equal(a, row.GetProperty(owner).GetGuid());
                rows++;
            }
        }
        Assert.True(rows >= PortfolioTracker.TestSupport.SampleRows.InsertOwnedBy.Count);
    }

    [Fact]
    public async Task Import_over_existing_data_without_replace_refuses_and_changes_nothing()
    {
        var database = await suite.CreateMigratedDatabaseAsync("existing");
        var user = await SampleUser.CreateAsync(suite.AdminConnectionString(database));
        var file = await ExportAsync(database, user.ToString());
        var exported = await CanonicalRowsAsync(database, user);
        await suite.ExecuteAsync($"insert into watchlist (user_id, symbol) values ('{user}', 'NVDA')", database);
        var changed = await CanonicalRowsAsync(database, user);

        var refused = await OperatorRun.RunAsync(["import-user", file, .. suite.Flags(database)]);

        Assert.Equal(ExitCodes.ProblemsFound, refused.ExitCode);
        Assert.Contains("already has data", refused.Error);
        Assert.Equal(changed, await CanonicalRowsAsync(database, user));

        var replaced = await OperatorRun.RunAsync(["import-user", file, "--replace", .. suite.Flags(database)]);

        Assert.True(replaced.ExitCode == ExitCodes.Ok, replaced.Error);
        Assert.Equal(exported, await CanonicalRowsAsync(database, user));
    }

    [Fact]
    public async Task An_export_holding_a_row_of_another_user_is_refused_and_changes_nothing()
    {
        var database = await suite.CreateMigratedDatabaseAsync("forged");
        var user = await SampleUser.CreateAsync(suite.AdminConnectionString(database));
        var other = await SampleUser.CreateAsync(suite.AdminConnectionString(database));
        var file = await ExportAsync(database, user.ToString());
        await suite.ExecuteAsync($"delete from auth.users where id = '{user}'", database);
        var text = await File.ReadAllTextAsync(file);
        var watchlistRow = text.IndexOf("\"symbol\": \"MSFT\"", StringComparison.Ordinal);
        Assert.True(watchlistRow > 0);
        var forged = text[..watchlistRow] + text[watchlistRow..].Replace(user.ToString(), other.ToString(), StringComparison.Ordinal);
        await File.WriteAllTextAsync(file, forged);
        var before = await CanonicalRowsAsync(database, user);
        OnlyErasedAuditRowsAreLeft(before);

        var result = await OperatorRun.RunAsync(["import-user", file, .. suite.Flags(database)]);

        Assert.Equal(ExitCodes.ProblemsFound, result.ExitCode);
        Assert.Contains("rows of another user", result.Error);
        Assert.Equal(before, await CanonicalRowsAsync(database, user));
    }

    [Fact]
    public async Task A_table_added_later_with_a_user_id_is_exported_without_any_change_to_the_tool()
    {
        var database = await suite.CreateMigratedDatabaseAsync("newtable");
        var user = await SampleUser.CreateAsync(suite.AdminConnectionString(database));
        await suite.ExecuteAsync($"""
            create table public.user_notes (id uuid primary key default gen_random_uuid(), user_id uuid not null references auth.users (id) on delete cascade, body text not null);
            insert into public.user_notes (user_id, body) values ('{user}', 'remember me');
            """, database);

        var file = await ExportAsync(database, user.ToString());

        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(file));
        var notes = json.RootElement.GetProperty("tables").EnumerateArray().Single(t => t.GetProperty("table").GetString() == "public.user_notes");
        Assert.Equal("remember me", notes.GetProperty("rows")[0].GetProperty("body").GetString());
        foreach (var table in new[] { "auth.users", "public.user_profiles", "public.portfolios", "public.transactions", "public.holdings", "public.watchlist", "public.price_alerts", "public.user_dividends" })
        {
            Assert.Contains(json.RootElement.GetProperty("tables").EnumerateArray(), t => t.GetProperty("table").GetString() == table && t.GetProperty("rows").GetArrayLength() > 0);
        }
    }

    [Fact]
    public async Task A_user_with_100000_transactions_round_trips_through_export_and_import()
    {
        var database = await suite.CreateMigratedDatabaseAsync("large");
        var user = await SampleUser.CreateAsync(suite.AdminConnectionString(database));
        // Triggers off for the seed only (audit and ledger rows per insert would take minutes here).
        await suite.ExecuteAsync($"""
            begin;
            set local session_replication_role = replica;
            insert into transactions (user_id, portfolio_id, transaction_type, symbol, quantity, price, date, currency)
            select '{user}', (select id from portfolios where user_id = '{user}' limit 1), 'BUY', 'AAPL', 1 + i % 7, 100.0001 + (i % 997) / 1000.0, date '2020-01-01' + (i % 1500), 'USD'
            from generate_series(1, 99999) i;
            commit;
            """, database);
        var before = await CanonicalRowsAsync(database, user);
        Assert.Equal(100_000, before["public.transactions"].Count);
        var file = await ExportAsync(database, user.ToString());
        await suite.ExecuteAsync($"delete from auth.users where id = '{user}'", database);

        var result = await OperatorRun.RunAsync(["import-user", file, "--json", .. suite.Flags(database)]);

        Assert.True(result.ExitCode == ExitCodes.Ok, result.Error);
        Assert.Equal(before, await CanonicalRowsAsync(database, user));
    }

    /// <summary>A deleted user leaves only audit rows with their data erased (migration 031).</summary>
    private static void OnlyErasedAuditRowsAreLeft(SortedDictionary<string, List<string>> rows)
    {
        Assert.All(rows.Where(t => t.Key != "public.audit_log"), t => Assert.Empty(t.Value));
        Assert.NotEmpty(rows["public.audit_log"]);
        Assert.All(rows["public.audit_log"], row =>
        {
            Assert.DoesNotContain("\"erased_at\": null", row);
            Assert.Contains("\"new_data\": null", row);
            Assert.Contains("\"old_data\": null", row);
        });
    }

    private async Task<string> ExportAsync(string database, string user)
    {
        var file = Path.Combine(_folder, $"{Guid.NewGuid():N}.json");
        var result = await OperatorRun.RunAsync(["export-user", user, "--out", file, "--json", .. suite.Flags(database)]);
        Assert.True(result.ExitCode == ExitCodes.Ok, result.Error);
        return file;
    }

    /// <summary>Every row the user owns in every user table, as PostgreSQL's JSON text, sorted.</summary>
    private async Task<SortedDictionary<string, List<string>>> CanonicalRowsAsync(string database, Guid user)
    {
        await using var connection = new NpgsqlConnection(suite.AdminConnectionString(database));
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var rows = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var table in await UserTables.ReadAsync(connection, transaction, CancellationToken.None))
        {
            await using var command = new NpgsqlCommand($"select to_jsonb(t)::text from {table.QualifiedName} t where {table.OwnerColumn} = $1 order by 1", connection, transaction);
            command.Parameters.Add(new NpgsqlParameter { Value = user });
            var list = new List<string>();
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                list.Add(reader.GetString(0));
            }
            rows[table.Name] = list;
        }
        return rows;
    }
}
