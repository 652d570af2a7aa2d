using Npgsql;
using PortfolioTracker.Operations.Health;
using PortfolioTracker.Operations.Integrity;

namespace PortfolioTracker.Operations.Maintenance;

/// <summary>
/// Runs one <see cref="MaintenanceCadence"/> pass as the database owner (PostgreSQL 15 lets only
/// the owner ANALYZE or VACUUM a table). Deletions and archiving go in batches, one transaction
/// each, so a pass never holds many locks and an interrupted pass leaves whole batches done.
/// </summary>
public sealed class MaintenanceRunner(NpgsqlDataSource owner, MaintenanceOptions options, TimeProvider? time = null)
{
    /// <summary>Cache tables with an expiry; a row is expired once <c>expires_at &lt;= now()</c>, and only such rows are deleted.</summary>
    public static IReadOnlyList<string> ExpiringTables { get; } =
        ["api_cache", "portfolio_metrics_cache", "portfolio_caches", "user_currency_cache"];

    /// <summary>The specification's daily ANALYZE list.</summary>
    public static IReadOnlyList<string> DailyAnalyzed { get; } =
        ["transactions", "holdings", "historical_prices", "user_dividends", "portfolio_metrics_cache"];

    /// <summary>The specification's weekly VACUUM ANALYZE list.</summary>
    public static IReadOnlyList<string> WeeklyVacuumed { get; } = ["transactions", "historical_prices", "holdings"];

    public async Task<MaintenanceReport> RunAsync(MaintenanceCadence cadence, IProgress<OperationProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var steps = new List<MaintenanceStep>();
        IReadOnlyList<IndexFigure> unused = [], bloated = [];
        IntegrityReport? integrity = null;
        switch (cadence)
        {
            case MaintenanceCadence.Daily:
                foreach (var table in ExpiringTables)
                {
                    progress?.Report(new($"deleting expired rows of {table}"));
                    steps.Add(new($"expired {table} rows deleted", "expires_at <= now()", await DeleteExpiredAsync(table, cancellationToken)));
                }
                progress?.Report(new("analyze"));
                await ExecuteAsync($"analyze {string.Join(", ", DailyAnalyzed.Select(t => "public." + t))}", cancellationToken);
                steps.Add(new("analyzed", string.Join(", ", DailyAnalyzed)));
                break;
            case MaintenanceCadence.Weekly:
                foreach (var table in WeeklyVacuumed)
                {
                    progress?.Report(new($"vacuum analyze {table}"));
                    await ExecuteAsync($"vacuum (analyze) public.{table}", cancellationToken);
                }
                steps.Add(new("vacuumed and analyzed", string.Join(", ", WeeklyVacuumed)));
                progress?.Report(new("index usage"));
                await using (var connection = await owner.OpenConnectionAsync(cancellationToken))
                {
                    unused = await IndexQueries.UnusedAsync(connection, cancellationToken);
                    bloated = await IndexQueries.BloatedAsync(connection, cancellationToken);
                }
                steps.Add(new("indexes reported", $"{unused.Count} unused, {bloated.Count} bloated"));
                break;
            case MaintenanceCadence.Monthly:
                progress?.Report(new("integrity check"));
                integrity = await new IntegrityCheck(owner).RunAsync(cancellationToken);
                steps.Add(new("integrity checked", $"{integrity.Problems.Count} problem(s)"));
                progress?.Report(new("archiving audit rows"));
                var cutoff = (time ?? TimeProvider.System).GetUtcNow() - options.AuditRetention;
                steps.Add(new("audit rows archived", $"created before {cutoff:u}", await ArchiveAuditAsync(cutoff, cancellationToken)));
                progress?.Report(new("analyze"));
                await ExecuteAsync("analyze", cancellationToken);
                steps.Add(new("analyzed", "whole database"));
                break;
        }
        return new MaintenanceReport(cadence, steps, unused, bloated, integrity);
    }

    /// <summary>Deletes expired rows in batches; returns how many.</summary>
    private async Task<long> DeleteExpiredAsync(string table, CancellationToken cancellationToken)
    {
        long total = 0;
        while (true)
        {
            await using var command = owner.CreateCommand(
                $"""
                delete from public.{table}
                where ctid = any (array(select ctid from public.{table} where expires_at <= now() limit $1))
                """);
            command.Parameters.Add(new NpgsqlParameter { Value = options.BatchSize });
            var deleted = await command.ExecuteNonQueryAsync(cancellationToken);
            total += deleted;
            if (deleted < options.BatchSize)
            {
                return total;
            }
        }
    }

    /// <summary>
    /// Moves audit rows created before <paramref name="cutoff"/> to the archive, a batch per
    /// transaction: each batch's delete and insert commit together, so no row is lost or doubled.
    /// </summary>
    private async Task<long> ArchiveAuditAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        long total = 0;
        while (true)
        {
            await using var command = owner.CreateCommand(
                """
                with moved as (
                  delete from public.audit_log
                  where id = any (array(select id from public.audit_log where created_at < $1 order by created_at limit $2 for update skip locked))
                  returning id, user_id, actor_id, actor_role, action, table_name, record_id, record_key, old_data, new_data, created_at
                )
                insert into audit.audit_log_archive (id, user_id, actor_id, actor_role, action, table_name, record_id, record_key, old_data, new_data, created_at)
                select * from moved
                """);
            command.Parameters.Add(new NpgsqlParameter { Value = cutoff });
            command.Parameters.Add(new NpgsqlParameter { Value = options.BatchSize });
            var moved = await command.ExecuteNonQueryAsync(cancellationToken);
            total += moved;
            if (moved < options.BatchSize)
            {
                return total;
            }
        }
    }

    private async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var command = owner.CreateCommand(sql);
        // VACUUM of a large table takes long; the pass itself is bounded by its caller.
        command.CommandTimeout = 0;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
