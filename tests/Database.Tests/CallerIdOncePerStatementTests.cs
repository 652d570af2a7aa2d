using System.Text.RegularExpressions;
using Npgsql;

namespace PortfolioTracker.Database.Tests;

/// <summary>
/// Every function body and policy reads the caller's id as <c>(select auth.uid())</c>, an init plan
/// evaluated once per statement. A bare <c>auth.uid()</c> compared with a column is evaluated for
/// every row a scan meets, and it parses the claims as jsonb each time: the ledger counter's
/// functions did so over every user's counter, 2.5 ms of each metrics request's version check (079).
/// </summary>
[Collection(DatabaseCollection.Name)]
public partial class CallerIdOncePerStatementTests(DatabaseFixture db)
{
    private const string PlantedFunction = "zz_caller_id_per_row_probe";

    [Fact]
    public async Task NoFunctionOrPolicyReadsTheCallersIdPerRow()
    {
        await using var connection = await db.Superuser.OpenConnectionAsync();

        var perRow = await PerRowReadersAsync(connection);

        Assert.True(perRow.Count == 0, "reads auth.uid() without (select …): " + string.Join(", ", perRow));
    }

    [Fact]
    public async Task TheCheckReportsAFunctionComparingRowsWithTheBareCall()
    {
        await using var connection = await db.Superuser.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var plant = new NpgsqlCommand(
            $"""
            create function public.{PlantedFunction}() returns bigint language sql stable as
            $$ select count(*) from private.ledger_versions v where v.user_id = auth.uid() $$
            """, connection, transaction))
        {
            await plant.ExecuteNonQueryAsync();
        }

        var perRow = await PerRowReadersAsync(connection, transaction);

        Assert.Contains($"function {PlantedFunction}()", perRow);
        await transaction.RollbackAsync();
    }

    /// <summary>Functions (outside the system schemas) and policies with an auth.uid() call not wrapped in a select.</summary>
    private static async Task<List<string>> PerRowReadersAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction = null)
    {
        await using var command = new NpgsqlCommand(
            """
            select 'function ' || p.oid::regprocedure::text, p.prosrc
            from pg_catalog.pg_proc p
            join pg_catalog.pg_namespace n on n.oid = p.pronamespace
            where n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg_toast%'
            union all
            select 'policy ' || tablename || '.' || policyname, coalesce(qual, '') || ' ' || coalesce(with_check, '')
            from pg_catalog.pg_policies
            """, connection, transaction);
        await using var reader = await command.ExecuteReaderAsync();
        var found = new List<string>();
        while (await reader.ReadAsync())
        {
            if (BareCallerId().IsMatch(reader.GetString(1)))
            {
                found.Add(reader.GetString(0));
            }
        }
        return found;
    }

    // auth.uid() not directly inside "(select …", as written in a body or as PostgreSQL prints a policy.
    [GeneratedRegex(@"(?<!\(\s*select\s+)auth\.uid\(\)", RegexOptions.IgnoreCase)]
    private static partial Regex BareCallerId();
}
