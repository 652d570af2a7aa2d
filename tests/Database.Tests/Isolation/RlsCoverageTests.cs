using PortfolioTracker.TestSupport;
using System.Text.Json;
using Npgsql;

namespace PortfolioTracker.Database.Tests.Isolation;

/// <summary>
/// The catalog-level half of isolation: every table is protected (RLS enabled and forced, at
/// least one policy), known to the access matrix, and covered by the matrix's sample rows;
/// the database's own health checks (<c>rls_violations()</c>, <c>rls_status()</c>) agree; and
/// each check is shown to catch a table planted without protection.
/// </summary>
[Collection(DatabaseCollection.Name)]
public class RlsCoverageTests(DatabaseFixture db)
{
    private const string PlantedTable = "zz_isolation_probe_unprotected";

    [Fact]
    public async Task EveryPublicTableForcesRowLevelSecurityAndHasAPolicy()
    {
        await using var connection = await db.Superuser.OpenConnectionAsync();

        var problems = await Catalog.RlsProblemsAsync(connection);

        Assert.True(problems.Count == 0, "RLS coverage problems:\n  " + string.Join("\n  ", problems));
    }

    [Fact]
    public async Task TheCoverageCheckReportsATableWithoutForcedRlsPoliciesOrUserIndex()
    {
        await using var connection = await db.Superuser.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await PlantUnprotectedTableAsync(connection, transaction);

        var problems = await Catalog.RlsProblemsAsync(connection, transaction);

        Assert.Contains($"{PlantedTable}: row-level security is not forced", problems);
        Assert.Contains(problems, p => p.StartsWith($"{PlantedTable}: has no policy", StringComparison.Ordinal));
        Assert.Contains($"{PlantedTable}: no index leads with user_id", problems);
        await transaction.RollbackAsync();
    }

    [Fact]
    public async Task EveryTableOfTheAccessMatrixExistsWithRowLevelSecurity()
    {
        var rlsTables = await Catalog.RlsTablesAsync(db);

        var missing = AccessMatrix.UserTables.Concat(AccessMatrix.MarketTables).Concat(AccessMatrix.SystemTables)
            .Where(table => !rlsTables.Contains(table))
            .ToList();

        Assert.True(missing.Count == 0, "tables of the access matrix missing or without RLS: " + string.Join(", ", missing));
    }

    [Fact]
    public async Task EveryPublicTableIsClassifiedInTheAccessMatrix()
    {
        var userTables = await Catalog.UserTablesAsync(db);
        var tables = await Catalog.PublicTablesAsync(db);

        var unclassified = tables
            .Where(table => table != AccessMatrix.Journal && !userTables.Contains(table))
            .Where(table => !AccessMatrix.MarketTables.Contains(table) && !AccessMatrix.SystemTables.Contains(table))
            .ToList();
        var userTablesWithoutUserId = AccessMatrix.UserTables.Where(tables.Contains).Where(t => !userTables.Contains(t)).ToList();

        Assert.True(unclassified.Count == 0,
            "tables with neither a user_id column nor a place in AccessMatrix.MarketTables/SystemTables: " + string.Join(", ", unclassified));
        Assert.True(userTablesWithoutUserId.Count == 0,
            "user tables of the access matrix without RLS or a user_id column: " + string.Join(", ", userTablesWithoutUserId));
    }

    [Fact]
    public async Task EveryUserTableHasASampleRowForTheIsolationMatrix()
    {
        var userTables = await Catalog.UserTablesAsync(db);

        var withoutSample = userTables
            .Where(table => table != AccessMatrix.AuditLog && !SampleRows.InsertOwnedBy.ContainsKey(table))
            .ToList();

        Assert.NotEmpty(userTables);
        Assert.True(withoutSample.Count == 0, "user tables without SampleRows.InsertOwnedBy entry: " + string.Join(", ", withoutSample));
    }

    [Fact]
    public async Task ApiRolesCannotReadOrWriteTheMigrationJournal()
    {
        var user = await db.CreateUserAsync();

        var anonReads = await db.CountAsync("anon", null, "select count(*) from public.schema_migrations");
        var userReads = await db.CountAsync("authenticated", user, "select count(*) from public.schema_migrations");
        var userDeletes = await db.ExecuteAsync("authenticated", user, "delete from public.schema_migrations");

        Assert.True(anonReads.IsRefused(), $"anon: {anonReads}");
        Assert.True(userReads.IsRefused(), $"authenticated: {userReads}");
        Assert.True(userDeletes.IsRefused(), $"authenticated delete: {userDeletes}");
    }

    [Fact]
    public async Task RlsViolationsReportsNothingForTheMigratedSchema()
    {
        await using var connection = await db.Superuser.OpenConnectionAsync();
        await RequireFunctionAsync(connection, "public.rls_violations()");

        var violations = await ViolationsAsync(connection, null);

        Assert.True(violations.Count == 0, "rls_violations():\n  " + string.Join("\n  ", violations));
    }

    [Fact]
    public async Task RlsViolationsReportsATablePlantedWithoutForcedRlsOrPolicies()
    {
        await using var connection = await db.Superuser.OpenConnectionAsync();
        await RequireFunctionAsync(connection, "public.rls_violations()");
        await using var transaction = await connection.BeginTransactionAsync();
        await PlantUnprotectedTableAsync(connection, transaction);

        var violations = await ViolationsAsync(connection, transaction);

        Assert.Contains(violations, v =>
            v.StartsWith(PlantedTable + ":", StringComparison.Ordinal) || v.StartsWith($"public.{PlantedTable}:", StringComparison.Ordinal));
        await transaction.RollbackAsync();
    }

    [Fact]
    public async Task RlsStatusShowsEveryRlsTableEnabledForcedAndWithPolicies()
    {
        await using var connection = await db.Superuser.OpenConnectionAsync();
        await RequireFunctionAsync(connection, "public.rls_status()");
        var rlsTables = await Catalog.RlsTablesAsync(db);

        var status = new Dictionary<string, JsonElement>();
        await using (var command = new NpgsqlCommand("select to_jsonb(s)::text from public.rls_status() s", connection))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                using var document = JsonDocument.Parse(reader.GetString(0));
                var row = document.RootElement.Clone();
                var name = new[] { "table_name", "table", "tablename", "relname" }
                    .Select(key => row.TryGetProperty(key, out var value) ? value.GetString() : null)
                    .FirstOrDefault(value => value is not null);
                if (name is not null)
                {
                    status[name.StartsWith("public.", StringComparison.Ordinal) ? name["public.".Length..] : name] = row;
                }
            }
        }

        var findings = new Findings();
        foreach (var table in rlsTables)
        {
            if (!status.TryGetValue(table, out var row))
            {
                findings.Add(table, "missing from rls_status()");
                continue;
            }
            findings.Expect(row.TryGetProperty("rls_enabled", out var enabled) && enabled.ValueKind == JsonValueKind.True, table, "rls_enabled is true", row);
            findings.Expect(row.TryGetProperty("rls_forced", out var forced) && forced.ValueKind == JsonValueKind.True, table, "rls_forced is true", row);
            findings.Expect(row.TryGetProperty("policies", out var policies) && policies.ValueKind switch
            {
                JsonValueKind.Number => policies.GetInt64() > 0,
                JsonValueKind.Array => policies.GetArrayLength() > 0,
                JsonValueKind.String => policies.GetString() is { Length: > 0 },
                _ => false,
            }, table, "policies shows at least one policy", row);
        }

        Assert.NotEmpty(rlsTables);
        findings.AssertNone("rls_status()");
    }

    /// <summary>A user table as a careless migration would leave it: RLS on, not forced, no policy, no index.</summary>
    private static async Task PlantUnprotectedTableAsync(NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        await using var plant = new NpgsqlCommand($"""
            create table public.{PlantedTable} (id uuid primary key default gen_random_uuid(), user_id uuid not null);
            alter table public.{PlantedTable} enable row level security;
            """, connection, transaction);
        await plant.ExecuteNonQueryAsync();
    }

    private static async Task RequireFunctionAsync(NpgsqlConnection connection, string signature)
    {
        await using var command = new NpgsqlCommand("select to_regprocedure($1) is not null", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = signature });
        Assert.True((bool)(await command.ExecuteScalarAsync())!, $"{signature} does not exist (expected from the RLS validation migration)");
    }

    private static async Task<IReadOnlyList<string>> ViolationsAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction)
    {
        await using var command = new NpgsqlCommand(
            "select table_name::text || ': ' || problem::text from public.rls_violations() order by 1", connection, transaction);
        await using var reader = await command.ExecuteReaderAsync();
        var violations = new List<string>();
        while (await reader.ReadAsync())
        {
            violations.Add(reader.GetString(0));
        }
        return violations;
    }
}
