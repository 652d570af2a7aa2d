using Npgsql;

namespace PortfolioTracker.Operations.Backups;

/// <summary>One table's content in two figures: how many rows, and a digest independent of row order.</summary>
public sealed record TableChecksum(string Table, long Rows, string Checksum);

/// <summary>
/// Per-table row counts and checksums of every ordinary table outside the system schemas:
/// written into a backup's manifest, and compared after a restore. The digest is the MD5 of the
/// sorted MD5s of each row's text form, so it does not depend on the physical row order.
/// </summary>
public static class TableChecksums
{
    private const string TablesSql = """
        select format('%I.%I', n.nspname, c.relname)
        from pg_catalog.pg_class c
        join pg_catalog.pg_namespace n on n.oid = c.relnamespace
        where c.relkind in ('r', 'p')
          and n.nspname not in ('pg_catalog', 'information_schema')
          and n.nspname not like 'pg\_%'
        order by 1
        """;

    /// <summary>Reads every table in <paramref name="connection"/>'s current transaction (its snapshot).</summary>
    public static async Task<IReadOnlyList<TableChecksum>> ComputeAsync(NpgsqlConnection connection, CancellationToken cancellationToken = default)
    {
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand(TablesSql, connection))
        await using (var reader = await list.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                tables.Add(reader.GetString(0));
            }
        }

        var checksums = new List<TableChecksum>(tables.Count);
        foreach (var table in tables)
        {
            // The table name comes from the catalog, quoted by format('%I'), never from input.
            await using var digest = new NpgsqlCommand(
                $"select count(*), coalesce(md5(string_agg(h, '' order by h)), '') from (select md5(t::text) as h from {table} t) rows",
                connection) { CommandTimeout = 0 };
            await using var reader = await digest.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            checksums.Add(new TableChecksum(table, reader.GetInt64(0), reader.GetString(1)));
        }
        return checksums;
    }

    /// <summary>Opens <paramref name="connectionString"/> and computes the checksums in one repeatable-read snapshot.</summary>
    public static async Task<IReadOnlyList<TableChecksum>> ComputeAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);
        return await ComputeAsync(connection, cancellationToken);
    }

    /// <summary>Tables whose rows differ between <paramref name="expected"/> and <paramref name="actual"/> (missing on either side included).</summary>
    public static IReadOnlyList<string> Differences(IReadOnlyList<TableChecksum> expected, IReadOnlyList<TableChecksum> actual)
    {
        var actualByTable = actual.ToDictionary(c => c.Table);
        var differences = new List<string>();
        foreach (var table in expected)
        {
            if (!actualByTable.Remove(table.Table, out var found))
            {
                differences.Add($"{table.Table}: missing");
            }
            else if (found.Rows != table.Rows || found.Checksum != table.Checksum)
            {
                differences.Add($"{table.Table}: {found.Rows} rows (checksum {found.Checksum[..Math.Min(8, found.Checksum.Length)]}), expected {table.Rows} (checksum {table.Checksum[..Math.Min(8, table.Checksum.Length)]})");
            }
        }
        differences.AddRange(actualByTable.Keys.Select(t => $"{t}: not in the backup"));
        return differences;
    }
}
