using System.Diagnostics;
using System.Globalization;
using System.Text;
using Npgsql;
using PortfolioTracker.Db.LocalPostgres;
using PortfolioTracker.TestSupport;

namespace PortfolioTracker.Database.Tests.Migrations;

/// <summary>
/// A deterministic text of everything the migrations create: <c>pg_dump --schema-only</c> of
/// the database (tables, columns, defaults, constraints, indexes, policies, triggers,
/// functions, grants, RLS flags, comments), plus what pg_dump leaves out because it is not
/// per database: the API roles with their attributes and memberships, per-role settings,
/// and the migration journal (without its timestamps).
/// </summary>
public static class SchemaDump
{
    private static readonly string[] ApiRoles = ["anon", "authenticated", "service_role", "auth_admin", "authenticator"];

    public static async Task<string> TakeAsync(PostgresServer server)
    {
        var text = new StringBuilder();
        text.AppendLine("-- pg_dump --schema-only").AppendLine(await PgDumpAsync(server));
        await using var connection = new NpgsqlConnection(server.SuperuserConnectionString() + ";Pooling=false");
        await connection.OpenAsync();
        await AppendQueryAsync(text, connection, "roles", """
            select r.rolname, r.rolsuper, r.rolinherit, r.rolcreaterole, r.rolcreatedb, r.rolcanlogin,
                   r.rolreplication, r.rolbypassrls, r.rolconnlimit,
                   coalesce((select string_agg(g.rolname, ',' order by g.rolname)
                             from pg_catalog.pg_auth_members m join pg_catalog.pg_roles g on g.oid = m.roleid
                             where m.member = r.oid), '') as member_of
            from pg_catalog.pg_roles r
            where r.rolname = any ($1)
            order by r.rolname
            """, [ApiRoles]);
        await AppendQueryAsync(text, connection, "role and database settings", """
            select coalesce(r.rolname, '*'), coalesce(d.datname, '*'), s.setconfig::text
            from pg_catalog.pg_db_role_setting s
            left join pg_catalog.pg_roles r on r.oid = s.setrole
            left join pg_catalog.pg_database d on d.oid = s.setdatabase
            where d.datname is null or d.datname = current_database()
            order by 1, 2
            """);
        await AppendQueryAsync(text, connection, "journal", """
            select version, name, checksum from public.schema_migrations order by version
            """);
        return text.ToString();
    }

    /// <summary>
    /// The lines that differ, for a failure message: what only the expected dump has, then
    /// what only the actual one has (or a note when the lines are the same but reordered).
    /// </summary>
    public static string Difference(string expected, string actual, int maxLines = 60)
    {
        var expectedLines = expected.Split('\n');
        var actualLines = actual.Split('\n');
        var missing = expectedLines.Except(actualLines).Select(line => "- " + line);
        var extra = actualLines.Except(expectedLines).Select(line => "+ " + line);
        var lines = missing.Concat(extra).Take(maxLines).ToList();
        return lines.Count == 0 ? "(same lines in a different order)" : string.Join("\n", lines);
    }

    public static void AssertSame(string expected, string actual, string what)
    {
        Assert.True(expected == actual, $"{what}: the schema differs\n{Difference(expected, actual)}");
    }

    private static async Task<string> PgDumpAsync(PostgresServer server)
    {
        var binDirectory = Environment.GetEnvironmentVariable("PG_BIN") ?? PostgresCluster.DefaultBinDirectory;
        var startInfo = new ProcessStartInfo(Path.Combine(binDirectory, "pg_dump"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["PGPASSWORD"] = server.SuperuserPassword },
        };
        foreach (var argument in new[]
                 {
                     "--schema-only", "--no-password",
                     "--host=127.0.0.1", $"--port={server.Port.ToString(CultureInfo.InvariantCulture)}",
                     "--username=postgres", $"--dbname={PostgresServer.Database}",
                 })
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = Process.Start(startInfo)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"pg_dump failed ({process.ExitCode}): {await error}");
        }

        // pg_dump 15.14+ brackets its output with \restrict <random key> / \unrestrict <key>.
        return string.Join('\n', output.Split('\n').Where(line =>
            !line.StartsWith("\\restrict ", StringComparison.Ordinal) &&
            !line.StartsWith("\\unrestrict ", StringComparison.Ordinal)));
    }

    private static async Task AppendQueryAsync(StringBuilder text, NpgsqlConnection connection, string title, string sql, object[]? args = null)
    {
        text.AppendLine(CultureInfo.InvariantCulture, $"-- {title}");
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var arg in args ?? [])
        {
            command.Parameters.Add(new NpgsqlParameter { Value = arg });
        }
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var values = Enumerable.Range(0, reader.FieldCount)
                .Select(i => reader.IsDBNull(i) ? "null" : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture));
            text.AppendLine(string.Join(" | ", values));
        }
    }
}
