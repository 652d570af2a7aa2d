using Npgsql;
using PortfolioTracker.Operations.Health;
using PortfolioTracker.Operations.Integrity;

namespace PortfolioTracker.Operations.Maintenance;

/// <summary>
/// Runs one <see cref="MaintenanceCadence"/> pass. Deleting expired rows, archiving audit rows
/// and ANALYZE go through the functions of migration 050, which the owner and
/// <c>ops_maintainer</c> may call; deletions and archiving go in batches, one transaction each,
/// so a pass never holds many locks and an interrupted pass leaves whole batches done.
/// </summary>
/// <param name="database">
/// Runs the pass: the database owner (the operator's <c>maintain</c>), or <c>authenticator</c>
/// acting as <c>ops_maintainer</c> (the operations service).
/// </param>
/// <param name="integrityReader">
/// Reads every row for the monthly integrity check, read-only: the owner, or the
/// <c>backup_reader</c> login; by default <paramref name="database"/>.
/// </param>
/// <param name="vacuum">
/// Whether the weekly pass may VACUUM, which only a table's owner can and no function may: the
/// owner's pass does; <c>ops_maintainer</c>'s ANALYZEs those tables and leaves VACUUM to autovacuum.
/// </param>
public sealed class MaintenanceRunner(
    NpgsqlDataSource database, MaintenanceOptions options, TimeProvider? time = null, NpgsqlDataSource? integrityReader = null, bool vacuum = true)
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
                await AnalyzeAsync(DailyAnalyzed, cancellationToken);
                steps.Add(new("analyzed", string.Join(", ", DailyAnalyzed)));
                break;
            case MaintenanceCadence.Weekly:
                if (vacuum)
                {
                    foreach (var table in WeeklyVacuumed)
                    {
                        progress?.Report(new($"vacuum analyze {table}"));
                        await ExecuteAsync($"vacuum (analyze) public.{table}", cancellationToken);
                    }
                    steps.Add(new("vacuumed and analyzed", string.Join(", ", WeeklyVacuumed)));
                }
                else
                {
                    progress?.Report(new("analyze"));
                    await AnalyzeAsync(WeeklyVacuumed, cancellationToken);
                    steps.Add(new("analyzed (vacuum left to autovacuum)", string.Join(", ", WeeklyVacuumed)));
                }
                progress?.Report(new("index usage"));
                await using (var connection = await database.OpenConnectionAsync(cancellationToken))
                {
                    unused = await IndexQueries.UnusedAsync(connection, cancellationToken);
                    bloated = await IndexQueries.BloatedAsync(connection, cancellationToken);
                }
                steps.Add(new("indexes reported", $"{unused.Count} unused, {bloated.Count} bloated"));
                break;
            case MaintenanceCadence.Monthly:
                progress?.Report(new("integrity check"));
                integrity = await new IntegrityCheck(integrityReader ?? database).RunAsync(cancellationToken);
                steps.Add(new("integrity checked", $"{integrity.Problems.Count} problem(s)"));
                progress?.Report(new("archiving audit rows"));
                var cutoff = (time ?? TimeProvider.System).GetUtcNow() - options.AuditRetention;
                steps.Add(new("audit rows archived", $"created before {cutoff:u}", await ArchiveAuditAsync(cutoff, cancellationToken)));
                progress?.Report(new("analyze"));
                await AnalyzeAsync(null, cancellationToken);
                steps.Add(new("analyzed", "whole database"));
                break;
        }
        return new MaintenanceReport(cadence, steps, unused, bloated, integrity);
    }

    /// <summary>Deletes expired rows in batches; returns how many.</summary>
    private Task<long> DeleteExpiredAsync(string table, CancellationToken cancellationToken) =>
        InBatchesAsync("select ops.delete_expired_rows($1, $2)", table, cancellationToken);

    /// <summary>
    /// Moves audit rows created before <paramref name="cutoff"/> to the archive, a batch per
    /// transaction: each batch's delete and insert commit together, so no row is lost or doubled.
    /// </summary>
    private Task<long> ArchiveAuditAsync(DateTimeOffset cutoff, CancellationToken cancellationToken) =>
        InBatchesAsync("select ops.archive_audit_rows($1, $2)", cutoff, cancellationToken);

    /// <summary>Calls a batch function (its own transaction each time) until a batch comes back short; returns the rows done.</summary>
    private async Task<long> InBatchesAsync(string sql, object argument, CancellationToken cancellationToken)
    {
        long total = 0;
        while (true)
        {
            await using var command = database.CreateCommand(sql);
            command.Parameters.Add(new NpgsqlParameter { Value = argument });
            command.Parameters.Add(new NpgsqlParameter { Value = options.BatchSize });
            var done = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
            total += done;
            if (done < options.BatchSize)
            {
                return total;
            }
        }
    }

    /// <summary>ANALYZE of the named tables, or of the whole database when null.</summary>
    private async Task AnalyzeAsync(IReadOnlyList<string>? tables, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("select ops.analyze_tables($1)");
        command.Parameters.Add(new NpgsqlParameter { Value = tables is null ? DBNull.Value : tables.ToArray(), NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text });
        command.CommandTimeout = 0;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand(sql);
        // VACUUM of a large table takes long; the pass itself is bounded by its caller.
        command.CommandTimeout = 0;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
