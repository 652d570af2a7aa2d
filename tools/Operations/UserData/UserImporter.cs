using System.Globalization;
using System.Text;
using System.Text.Json;
using Npgsql;

namespace PortfolioTracker.Operations.UserData;

/// <summary>What an import did.</summary>
public sealed record ImportResult(Guid UserId, bool Replaced, IReadOnlyList<TableRows> Tables);

/// <summary>
/// <c>import-user</c>: reads an export document as a stream and writes its rows back, exactly,
/// in one transaction: all of it or nothing. Refuses a user who already has data unless asked
/// to replace it (then the old rows go in the same transaction). Rows are inserted with
/// PostgreSQL's <c>jsonb_populate_recordset</c>, so every value keeps the type and precision it
/// was exported with; triggers are off for the transaction (<c>session_replication_role =
/// replica</c>, transaction-local) because the export already holds what they would write
/// (audit rows, holdings, ledger versions), and the rows must come back as they were.
/// </summary>
public static class UserImporter
{
    private const int BatchRows = 1000;

    public static async Task<ImportResult> ImportAsync(string adminConnectionString, Stream input, bool replace, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(adminConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var tables = (await UserTables.ReadAsync(connection, transaction, cancellationToken)).ToDictionary(t => t.Name);
        var json = new StreamingJsonReader(input);
        try
        {
            var header = await ReadHeaderAsync(json, cancellationToken);
            var existing = await ExistingRowsAsync(connection, transaction, tables.Values, header.UserId, cancellationToken);
            if (existing.Count > 0 && !replace)
            {
                throw new OperationFailedException(
                    $"user {header.UserId} already has data ({string.Join(", ", existing.Select(e => $"{e.Rows} in {e.Table}"))}); nothing was imported (pass --replace to replace it)");
            }

            await Execute(connection, transaction, "set local session_replication_role = replica", cancellationToken);
            if (existing.Count > 0)
            {
                // Children first; FK cascades are triggers and do not fire in replica mode.
                foreach (var table in tables.Values.Reverse())
                {
                    await using var delete = new NpgsqlCommand($"delete from {table.QualifiedName} where {table.OwnerColumn} = $1", connection, transaction);
                    delete.Parameters.Add(new NpgsqlParameter { Value = header.UserId });
                    await delete.ExecuteNonQueryAsync(cancellationToken);
                }
            }

            var counts = new List<TableRows>();
            while (await json.NextAsync(cancellationToken) == JsonTokenType.StartObject)
            {
                counts.Add(await ImportTableAsync(connection, transaction, json, tables, header.UserId, cancellationToken));
            }
            await json.ExpectAsync(JsonTokenType.EndObject, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return new ImportResult(header.UserId, existing.Count > 0, counts);
        }
        catch (JsonException e)
        {
            throw new OperationFailedException($"the file is not a valid user export: {e.Message}; nothing was imported", e);
        }
    }

    private sealed record Header(Guid UserId);

    /// <summary>Reads the fields before <c>tables</c> and stops at the start of its array.</summary>
    private static async Task<Header> ReadHeaderAsync(StreamingJsonReader json, CancellationToken cancellationToken)
    {
        await json.ExpectAsync(JsonTokenType.StartObject, cancellationToken);
        string? format = null, scope = null, version = null;
        Guid? userId = null;
        while (await json.NextAsync(cancellationToken) == JsonTokenType.PropertyName)
        {
            var name = json.Text;
            if (name == "tables")
            {
                if (format != UserExportFormat.Format || version != UserExportFormat.Version.ToString(CultureInfo.InvariantCulture))
                {
                    throw new OperationFailedException($"not a user export this tool reads (format {UserExportFormat.Format}, version {UserExportFormat.Version} expected)");
                }
                if (scope != UserExportFormat.FullScope)
                {
                    throw new OperationFailedException($"a \"{scope}\" export leaves out secrets and internal tables, so it cannot restore the account; import a full export (export-user)");
                }
                await json.ExpectAsync(JsonTokenType.StartArray, cancellationToken);
                return new Header(userId ?? throw new OperationFailedException("the export names no userId"));
            }
            var token = await json.NextAsync(cancellationToken);
            switch (name)
            {
                case "format":
                    format = json.Text;
                    break;
                case "scope":
                    scope = json.Text;
                    break;
                case "version":
                    version = json.Number;
                    break;
                case "userId" when Guid.TryParse(json.Text, out var id):
                    userId = id;
                    break;
                default:
                    if (token is JsonTokenType.StartObject or JsonTokenType.StartArray)
                    {
                        throw new JsonException($"unexpected structured field {name}");
                    }
                    break;
            }
        }
        throw new OperationFailedException("the export has no tables");
    }

    private static async Task<TableRows> ImportTableAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, StreamingJsonReader json,
        Dictionary<string, UserTable> tables, Guid userId, CancellationToken cancellationToken)
    {
        UserTable? table = null;
        long rows = 0;
        while (await json.NextAsync(cancellationToken) == JsonTokenType.PropertyName)
        {
            switch (json.Text)
            {
                case "table":
                    await json.NextAsync(cancellationToken);
                    if (!tables.TryGetValue(json.Text ?? "", out table))
                    {
                        throw new OperationFailedException($"the export holds table {json.Text}, which this database does not have as a user table; nothing was imported");
                    }
                    break;
                case "rows":
                    if (table is null)
                    {
                        throw new JsonException("\"table\" must come before \"rows\"");
                    }
                    await json.ExpectAsync(JsonTokenType.StartArray, cancellationToken);
                    rows = await ImportRowsAsync(connection, transaction, json, table, userId, cancellationToken);
                    break;
                default:
                    await json.ReadRawValueAsync(cancellationToken);
                    break;
            }
        }
        return new TableRows(table?.Name ?? "?", rows);
    }

    private static async Task<long> ImportRowsAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, StreamingJsonReader json, UserTable table, Guid userId, CancellationToken cancellationToken)
    {
        var columns = string.Join(", ", table.Columns);
        // Only the exported user's rows go in: a row of anyone else in the file is refused below.
        var sql = $"insert into {table.QualifiedName} ({columns}) overriding system value select {columns} from jsonb_populate_recordset(null::{table.QualifiedName}, $1::jsonb) where {table.OwnerColumn} = $2";
        var batch = new StringBuilder();
        int inBatch = 0;
        long total = 0;
        async Task FlushAsync()
        {
            if (inBatch == 0)
            {
                return;
            }
            batch.Append(']');
            await using var insert = new NpgsqlCommand(sql, connection, transaction);
            insert.Parameters.Add(new NpgsqlParameter { Value = batch.ToString(), NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
            insert.Parameters.Add(new NpgsqlParameter { Value = userId });
            var inserted = await insert.ExecuteNonQueryAsync(cancellationToken);
            if (inserted != inBatch)
            {
                throw new OperationFailedException($"{table.Name} in the export holds rows of another user than {userId}; nothing was imported");
            }
            total += inserted;
            batch.Clear();
            inBatch = 0;
        }

        while (true)
        {
            var token = await json.NextAsync(cancellationToken);
            if (token == JsonTokenType.EndArray)
            {
                break;
            }
            if (token != JsonTokenType.StartObject)
            {
                throw new JsonException($"rows of {table.Name} must be objects");
            }
            // The object's start was consumed; read the rest of it as raw text and close it.
            batch.Append(inBatch == 0 ? "[" : ",").Append('{').Append(await ReadObjectBodyAsync(json, cancellationToken));
            if (++inBatch == BatchRows)
            {
                await FlushAsync();
            }
        }
        await FlushAsync();
        return total;
    }

    /// <summary>The members of an object whose '{' was just read, up to and including its '}'.</summary>
    private static async Task<string> ReadObjectBodyAsync(StreamingJsonReader json, CancellationToken cancellationToken)
    {
        var body = new StringBuilder();
        var first = true;
        while (await json.NextAsync(cancellationToken) == JsonTokenType.PropertyName)
        {
            body.Append(first ? "" : ",").Append(JsonSerializer.Serialize(json.Text)).Append(':').Append(await json.ReadRawValueAsync(cancellationToken));
            first = false;
        }
        return body.Append('}').ToString();
    }

    private static async Task<IReadOnlyList<TableRows>> ExistingRowsAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IEnumerable<UserTable> tables, Guid userId, CancellationToken cancellationToken)
    {
        var existing = new List<TableRows>();
        foreach (var table in tables)
        {
            await using var count = new NpgsqlCommand($"select count(*) from {table.QualifiedName} where {table.OwnerColumn} = $1", connection, transaction);
            count.Parameters.Add(new NpgsqlParameter { Value = userId });
            var rows = (long)(await count.ExecuteScalarAsync(cancellationToken))!;
            if (rows > 0)
            {
                existing.Add(new TableRows(table.Name, rows));
            }
        }
        return existing;
    }

    private static async Task Execute(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
