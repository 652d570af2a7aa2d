using System.Diagnostics;
using System.Globalization;
using PortfolioTracker.Operations.Backups;
using PortfolioTracker.Operations.Connection;

namespace PortfolioTracker.Operations.Restores;

/// <summary>A drill's outcome: the backup it proved and how long each half took.</summary>
public sealed record DrillResult(string BackupPath, string ScratchDatabase, int Tables, long Rows, TimeSpan BackupTime, TimeSpan RestoreTime);

/// <summary>
/// <c>restore-drill</c>: a fresh backup, restored into a scratch database with every per-table
/// checksum compared to its manifest, then the scratch database dropped: the proof, run on a
/// schedule, that backups restore. The live database is never touched.
/// </summary>
public sealed class RestoreDrill(SuiteConnection connection)
{
    public async Task<DrillResult> RunAsync(BackupRequest backupRequest, IProgress<OperationProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        progress?.Report(new("backup", 0.05));
        var backup = await new DatabaseBackup(connection).RunAsync(backupRequest, cancellationToken: cancellationToken);
        var backupTime = clock.Elapsed;

        var scratch = $"{connection.DatabaseName}_drill_{DateTimeOffset.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture)}";
        if (scratch.Length > 63)
        {
            scratch = scratch[..63];
        }
        var restore = new DatabaseRestore(connection);
        try
        {
            progress?.Report(new($"restore into {scratch} and compare", 0.5));
            var restored = await restore.RunAsync(
                new RestoreRequest(backup.Path, backupRequest.KeyPath, scratch, backupRequest.Directory), cancellationToken: cancellationToken);
            progress?.Report(new("dropping the scratch database", 0.95));
            return new DrillResult(backup.Path, scratch, restored.Tables.Count, restored.Tables.Sum(t => t.Rows), backupTime, clock.Elapsed - backupTime);
        }
        finally
        {
            await restore.DropAsync(scratch);
        }
    }
}
