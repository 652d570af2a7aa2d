using System.CommandLine;
using PortfolioTracker.Operations.Backups;
using PortfolioTracker.Operations.Restores;
using PortfolioTracker.Operator.Console;
using Spectre.Console;

namespace PortfolioTracker.Operator.Commands;

/// <summary><c>restore-drill [--out DIR] [--keep N]</c>: backup, restore into a scratch database, compare, drop it.</summary>
public static class RestoreDrillCommand
{
    public static Command Create(CommandActions actions)
    {
        var output = new Option<string?>("--out") { Description = "The folder for the drill's backup. Default: .local/backups." };
        var keep = BackupCommand.RetentionOption("Retention for that folder after the backup (N >= 1).");
        var key = BackupCommand.BackupKeyOption();
        var command = new Command("restore-drill", "Prove that backups restore: take a backup, restore it into a scratch database, compare every table's checksum with the manifest, drop the scratch database. The live database is not touched.")
        {
            output, keep, key,
        };
        actions.Set(command, async run =>
        {
            var connection = run.Connection;
            var request = new BackupRequest(
                run.Value(output) ?? DatabaseBackup.DefaultDirectory(connection),
                run.Value(key) ?? DatabaseBackup.DefaultKeyPath(connection),
                run.Value(keep));
            var result = await run.WithProgressAsync("restore drill", progress => new RestoreDrill(connection).RunAsync(request, progress, run.CancellationToken));
            return run.Report(new
            {
                backup = result.BackupPath,
                scratchDatabase = result.ScratchDatabase,
                tables = result.Tables,
                rows = result.Rows,
                backupSeconds = Math.Round(result.BackupTime.TotalSeconds, 2),
                restoreSeconds = Math.Round(result.RestoreTime.TotalSeconds, 2),
            }, console => console.MarkupLineInterpolated(
                $"[green]drill passed[/]: {result.BackupPath} restored into {result.ScratchDatabase} ({result.Tables} tables, {result.Rows:N0} rows, all checksums equal), then dropped; backup {result.BackupTime.TotalSeconds:F1} s, restore {result.RestoreTime.TotalSeconds:F1} s"));
        });
        return command;
    }
}
