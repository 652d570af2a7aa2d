using Npgsql;

namespace PortfolioTracker.Operations.Health;

/// <summary>
/// Index usage as the specification's "Index Monitoring and Maintenance" reads it, shared by the
/// health report and the weekly maintenance (pg_monitor may read these statistics).
/// </summary>
public static class IndexQueries
{
    /// <summary>
    /// Indexes never scanned since statistics were reset. Indexes that enforce a primary key,
    /// a unique key or an exclusion constraint are left out: they work without being scanned.
    /// </summary>
    public static async Task<IReadOnlyList<IndexFigure>> UnusedAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            """
            select format('%I.%I', s.schemaname, s.indexrelname), format('%I.%I', s.schemaname, s.relname),
                   pg_relation_size(s.indexrelid), s.idx_scan
            from pg_stat_user_indexes s
            join pg_index i on i.indexrelid = s.indexrelid
            where s.idx_scan = 0 and not i.indisunique and not i.indisprimary and not i.indisexclusion
            order by 3 desc, 1
            """, connection);
        return await ReadAsync(command, ct);
    }

    /// <summary>
    /// Indexes larger than half their table (the specification's bloat heuristic), on tables of
    /// at least 1 MiB so that tiny tables, whose indexes are naturally as big, are not listed.
    /// </summary>
    public static async Task<IReadOnlyList<IndexFigure>> BloatedAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            """
            select format('%I.%I', s.schemaname, s.indexrelname), format('%I.%I', s.schemaname, s.relname),
                   pg_relation_size(s.indexrelid), s.idx_scan
            from pg_stat_user_indexes s
            where pg_relation_size(s.relid) >= 1048576
              and pg_relation_size(s.indexrelid) > 0.5 * pg_relation_size(s.relid)
            order by 3 desc, 1
            """, connection);
        return await ReadAsync(command, ct);
    }

    private static async Task<IReadOnlyList<IndexFigure>> ReadAsync(NpgsqlCommand command, CancellationToken ct)
    {
        var indexes = new List<IndexFigure>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            indexes.Add(new IndexFigure(reader.GetString(0), reader.GetString(1), reader.GetInt64(2), reader.GetInt64(3)));
        }
        return indexes;
    }
}
