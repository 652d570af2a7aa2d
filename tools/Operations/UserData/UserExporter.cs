using System.Text.Json;
using Npgsql;

namespace PortfolioTracker.Operations.UserData;

/// <summary>How many rows of one table an export or import carried.</summary>
public sealed record TableRows(string Table, long Rows);

/// <summary>
/// Writes one user's rows from every user table (<see cref="UserTables"/>) as the versioned
/// export document (<see cref="UserExportFormat"/>), streaming: each row goes from the data
/// reader to a <see cref="Utf8JsonWriter"/> as PostgreSQL's own JSON text, so memory stays flat
/// however many transactions the user has. Runs in the caller's transaction: the operator's
/// (an administrator, one snapshot) or a user's RLS session (then only what RLS lets them see).
/// </summary>
public static class UserExporter
{
    private const int FlushThreshold = 64 * 1024;

    /// <param name="accountRow">
    /// The account row as JSON, for a self-service export whose role cannot read <c>auth.users</c>
    /// (the gateway passes the user's own, without the password hash).
    /// </param>
    public static async Task<IReadOnlyList<TableRows>> WriteAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Guid userId, string scope, Stream output,
        string? accountRow = null, CancellationToken cancellationToken = default)
    {
        var tables = await UserTables.ReadAsync(connection, transaction, cancellationToken);
        var schemaVersion = await SchemaVersionAsync(connection, transaction, cancellationToken);
        var counts = new List<TableRows>();

        await using var writer = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = false });
        writer.WriteStartObject();
        writer.WriteString("format", UserExportFormat.Format);
        writer.WriteNumber("version", UserExportFormat.Version);
        writer.WriteString("scope", scope);
        writer.WriteString("exportedAt", DateTimeOffset.UtcNow);
        writer.WriteString("userId", userId);
        writer.WriteNumber("schemaVersion", schemaVersion);
        writer.WriteStartArray("tables");
        foreach (var table in tables)
        {
            var selfServiceAccount = scope == UserExportFormat.SelfServiceScope && table.Name == UserTables.Accounts;
            if (!table.Readable && !selfServiceAccount)
            {
                continue; // not the user's to see (token hashes, internal counters)
            }
            writer.WriteStartObject();
            writer.WriteString("table", table.Name);
            writer.WriteString("ownerColumn", table.OwnerColumn);
            writer.WriteStartArray("rows");
            long rows = 0;
            if (selfServiceAccount)
            {
                if (accountRow is not null)
                {
                    writer.WriteRawValue(accountRow);
                    rows = 1;
                }
            }
            else
            {
                // Names come from the catalog (quoted by format('%I')); the user id is a parameter.
                await using var command = new NpgsqlCommand(
                    $"select to_jsonb(t)::text as row from {table.QualifiedName} t where t.{table.OwnerColumn} = $1 order by 1", connection, transaction)
                {
                    CommandTimeout = 0,
                };
                command.Parameters.Add(new NpgsqlParameter { Value = userId });
                await using var reader = await command.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess, cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    writer.WriteRawValue(reader.GetString(0), skipInputValidation: true);
                    rows++;
                    if (writer.BytesPending > FlushThreshold)
                    {
                        await writer.FlushAsync(cancellationToken);
                    }
                }
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
            counts.Add(new TableRows(table.Name, rows));
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
        await writer.FlushAsync(cancellationToken);
        return counts;
    }

    private static async Task<int> SchemaVersionAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        // The journal is not readable by API roles: a self-service export says 0 (unknown).
        await using var readable = new NpgsqlCommand("select has_table_privilege('public.schema_migrations', 'SELECT')", connection, transaction);
        if (await readable.ExecuteScalarAsync(cancellationToken) is not true)
        {
            return 0;
        }
        await using var command = new NpgsqlCommand("select coalesce(max(version), 0) from public.schema_migrations", connection, transaction);
        return (int)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
