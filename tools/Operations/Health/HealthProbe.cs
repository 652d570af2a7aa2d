using Npgsql;
using StackExchange.Redis;

namespace PortfolioTracker.Operations.Health;

/// <summary>
/// Gathers the health report's figures: PostgreSQL's statistics as the <c>ops_monitor</c>
/// login (pg_monitor; the suite's own tables only through the counting functions of schema
/// <c>ops</c>, migration 033), Redis's INFO, and then applies <see cref="HealthRules"/>.
/// </summary>
public sealed class HealthProbe(NpgsqlDataSource monitor, IConnectionMultiplexer? redis, HealthThresholds thresholds, TimeProvider? time = null)
{
    private const int QueryTextLength = 200;

    public async Task<HealthReport> RunAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await monitor.OpenConnectionAsync(cancellationToken);
        var connections = await ConnectionsAsync(connection, cancellationToken);
        var longRunning = await SessionsAsync(connection, "state = 'active' and now() - query_start > $1", thresholds.LongRunningQuery, cancellationToken);
        var idle = await SessionsAsync(connection, "state in ('idle in transaction', 'idle in transaction (aborted)') and now() - state_change > $1", thresholds.IdleInTransaction, cancellationToken);
        var statements = await StatementsAsync(connection, cancellationToken);
        var tables = await TablesAsync(connection, cancellationToken);
        var unused = await IndexQueries.UnusedAsync(connection, cancellationToken);
        List<CacheFigure> caches =
        [
            await BufferCacheAsync(connection, cancellationToken),
            await RedisCacheAsync(),
            await MetricsCacheAsync(connection, cancellationToken),
        ];
        var providers = await ProvidersAsync(connection, cancellationToken);
        var jobs = await JobsAsync(connection, cancellationToken);

        var now = (time ?? TimeProvider.System).GetUtcNow();
        var report = new HealthReport(now, connections, longRunning, idle, statements, tables, unused, caches, providers, jobs, []);
        return report with { Alerts = HealthRules.Evaluate(report, thresholds) };
    }

    private static async Task<ConnectionFigures> ConnectionsAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        var byState = new SortedDictionary<string, int>(StringComparer.Ordinal);
        await using (var command = new NpgsqlCommand(
            "select coalesce(state, 'background'), count(*)::int from pg_stat_activity where backend_type = 'client backend' group by 1", connection))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                byState[reader.GetString(0)] = reader.GetInt32(1);
            }
        }
        await using var max = new NpgsqlCommand("select current_setting('max_connections')::int", connection);
        var maxConnections = (int)(await max.ExecuteScalarAsync(ct))!;
        var total = byState.Values.Sum();
        return new ConnectionFigures(total, maxConnections, Math.Round(100.0 * total / maxConnections, 1), byState);
    }

    private static async Task<IReadOnlyList<SessionFigure>> SessionsAsync(NpgsqlConnection connection, string condition, TimeSpan longerThan, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            $"""
            select pid, usename::text, application_name, state,
                   extract(epoch from now() - coalesce(case when state = 'active' then query_start else state_change end, now()))::float8,
                   left(query, {QueryTextLength})
            from pg_stat_activity
            where backend_type = 'client backend' and pid <> pg_backend_pid() and {condition}
            order by 5 desc
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = longerThan });
        var sessions = new List<SessionFigure>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            sessions.Add(new SessionFigure(reader.GetInt32(0), Text(reader, 1), Text(reader, 2), reader.GetString(3), Math.Round(reader.GetDouble(4), 1), Text(reader, 5)));
        }
        return sessions;
    }

    private async Task<StatementFigures> StatementsAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using (var find = new NpgsqlCommand("select quote_ident(n.nspname) from pg_extension e join pg_namespace n on n.oid = e.extnamespace where e.extname = 'pg_stat_statements'", connection))
        {
            if (await find.ExecuteScalarAsync(ct) is not string schema)
            {
                return new StatementFigures(false, "the pg_stat_statements extension is not installed in this database", []);
            }
            try
            {
                await using var command = new NpgsqlCommand(
                    $"""
                    select left(query, {QueryTextLength}), calls, mean_exec_time, total_exec_time, rows,
                           100.0 * shared_blks_hit / nullif(shared_blks_hit + shared_blks_read, 0)
                    from {schema}.pg_stat_statements
                    where dbid = (select oid from pg_database where datname = current_database())
                      and query not like '%pg_stat_statements%'
                    order by mean_exec_time desc
                    limit $1
                    """, connection);
                command.Parameters.Add(new NpgsqlParameter { Value = thresholds.TopN });
                var slowest = new List<StatementFigure>();
                await using var reader = await command.ExecuteReaderAsync(ct);
                while (await reader.ReadAsync(ct))
                {
                    slowest.Add(new StatementFigure(reader.GetString(0), reader.GetInt64(1), Math.Round(reader.GetDouble(2), 3), Math.Round(reader.GetDouble(3), 3),
                        reader.GetInt64(4), reader.IsDBNull(5) ? null : Math.Round(reader.GetDouble(5), 2)));
                }
                return new StatementFigures(true, null, slowest);
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ObjectNotInPrerequisiteState)
            {
                // Installed, but the server was started without it in shared_preload_libraries.
                return new StatementFigures(false, "pg_stat_statements is not loaded (shared_preload_libraries)", []);
            }
        }
    }

    private async Task<IReadOnlyList<TableFigure>> TablesAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            """
            select format('%I.%I', schemaname, relname), pg_total_relation_size(relid), pg_relation_size(relid), pg_indexes_size(relid),
                   n_live_tup, n_dead_tup,
                   case when n_live_tup + n_dead_tup > 0 then n_dead_tup::float8 / (n_live_tup + n_dead_tup) else 0 end,
                   greatest(last_vacuum, last_autovacuum), greatest(last_analyze, last_autoanalyze)
            from pg_stat_user_tables
            order by pg_total_relation_size(relid) desc, 1
            """, connection);
        var tables = new List<TableFigure>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            tables.Add(new TableFigure(reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5),
                Math.Round(reader.GetDouble(6), 4), Time(reader, 7), Time(reader, 8)));
        }
        return tables;
    }

    private static async Task<CacheFigure> BufferCacheAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            "select blks_hit, blks_hit + blks_read from pg_stat_database where datname = current_database()", connection);
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return Cache("postgres-buffers", reader.GetInt64(0), reader.GetInt64(1));
    }

    private async Task<CacheFigure> RedisCacheAsync()
    {
        if (redis is null)
        {
            return new CacheFigure("redis", 0, 0, null, "no Redis connection configured");
        }
        try
        {
            var server = redis.GetServers().FirstOrDefault(s => s.IsConnected)
                ?? throw new RedisConnectionException(ConnectionFailureType.UnableToConnect, "no connected Redis server");
            var stats = (await server.InfoAsync("stats")).SelectMany(group => group).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
            var hits = long.Parse(stats.GetValueOrDefault("keyspace_hits", "0"), System.Globalization.CultureInfo.InvariantCulture);
            var misses = long.Parse(stats.GetValueOrDefault("keyspace_misses", "0"), System.Globalization.CultureInfo.InvariantCulture);
            return Cache("redis", hits, hits + misses);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            return new CacheFigure("redis", 0, 0, null, "Redis is unreachable");
        }
    }

    private static async Task<CacheFigure> MetricsCacheAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        // Each entry was computed once (a miss); hit_count counts the reads it served.
        await using var command = new NpgsqlCommand("select entries, hits from ops.metrics_cache_stats()", connection);
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        var (entries, hits) = (reader.GetInt64(0), reader.GetInt64(1));
        return Cache("metrics-cache", hits, hits + entries);
    }

    private async Task<IReadOnlyList<ProviderFigure>> ProvidersAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        var calls = new Dictionary<string, int>(StringComparer.Ordinal);
        await using (var command = new NpgsqlCommand("select service, call_count from ops.provider_usage(current_date)", connection))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                calls[reader.GetString(0)] = reader.GetInt32(1);
            }
        }
        var breakers = new Dictionary<string, (string State, int Failures)>(StringComparer.Ordinal);
        await using (var command = new NpgsqlCommand("select service_name, circuit_state, failure_count from ops.circuit_breakers()", connection))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                breakers[reader.GetString(0)] = (reader.GetString(1), reader.GetInt32(2));
            }
        }
        return [.. calls.Keys.Union(breakers.Keys).Union(thresholds.ProviderDailyQuotas.Keys).Order(StringComparer.Ordinal).Select(service =>
        {
            var today = calls.GetValueOrDefault(service);
            int? quota = thresholds.ProviderDailyQuotas.TryGetValue(service, out var q) && q > 0 ? q : null;
            var (state, failures) = breakers.GetValueOrDefault(service, ("closed", 0));
            return new ProviderFigure(service, today, quota, quota is { } limit ? Math.Round((double)today / limit, 4) : null, state, failures);
        })];
    }

    /// <summary>
    /// Each job's latest outcome: its newest finished run, or its running one while none has
    /// finished (a run in progress would otherwise hide the outcome of the one before).
    /// </summary>
    private static async Task<IReadOnlyList<JobRunFigure>> JobsAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            """
            select distinct on (job) job, due_at, started_at, finished_at, outcome, detail
            from ops.job_runs
            order by job, outcome = 'running', started_at desc
            """, connection);
        var jobs = new List<JobRunFigure>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            jobs.Add(new JobRunFigure(reader.GetString(0), reader.GetFieldValue<DateTimeOffset>(1), reader.GetFieldValue<DateTimeOffset>(2),
                Time(reader, 3), reader.GetString(4), Text(reader, 5)));
        }
        return jobs;
    }

    private static CacheFigure Cache(string name, long hits, long lookups) =>
        new(name, hits, lookups, lookups > 0 ? Math.Round((double)hits / lookups, 4) : null);

    private static string? Text(NpgsqlDataReader reader, int column) => reader.IsDBNull(column) ? null : reader.GetString(column);

    private static DateTimeOffset? Time(NpgsqlDataReader reader, int column) =>
        reader.IsDBNull(column) ? null : reader.GetFieldValue<DateTimeOffset>(column);
}
