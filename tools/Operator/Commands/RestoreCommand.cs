using System.CommandLine;
using PortfolioTracker.Operations.Backups;
using PortfolioTracker.Operations.Restores;
using PortfolioTracker.Operator.Console;
using Spectre.Console;

namespace PortfolioTracker.Operator.Commands;

/// <summary><c>restore FILE [--into DB] [--key FILE]</c>: a verified restore that changes nothing unless every step succeeds.</summary>
public static class RestoreCommand
{
    public static Command Create(CommandActions actions)
    {
        var file = new Argument<string>("FILE") { Description = "The backup (.ptbackup) to restore; its .manifest.json must lie beside it." };
        var into = new Option<string?>("--into") { Description = "The database to restore into. Default: the suite's (portfolio). A missing database is created." };
        var key = BackupCommand.BackupKeyOption();
        var command = new Command("restore", "Restore a backup: authenticate it and its manifest, take a safety backup of the target, restore into a new database in one transaction, compare per-table checksums with the manifest, run the migrations, then swap it in by renaming (the old database is kept under another name). If any step fails the target is left as it was.")
        {
            file, into, key,
        };
        actions.Set(command, async run =>
        {
            var connection = run.Connection;
            var request = new RestoreRequest(
                Path.GetFullPath(run.Value(file)),
                run.Value(key) ?? DatabaseBackup.DefaultKeyPath(connection),
                run.Value(into),
                DatabaseBackup.DefaultDirectory(connection));
            var result = await run.WithProgressAsync("restore", progress => new DatabaseRestore(connection).RunAsync(request, progress, run.CancellationToken));
            return run.Report(new
            {
                database = result.Database,
                safetyBackup = result.SafetyBackupPath,
                previousDatabase = result.PreviousDatabase,
                migrationsApplied = result.MigrationsApplied,
                tables = result.Tables.Count,
                rows = result.Tables.Sum(t => t.Rows),
            }, console =>
            {
                console.MarkupLineInterpolated($"[green]restored[/] {result.Tables.Count} tables ({result.Tables.Sum(t => t.Rows):N0} rows, every checksum equal to the manifest) into {result.Database}; {result.MigrationsApplied} migration(s) applied");
                if (result.SafetyBackupPath is not null)
                {
                    console.MarkupLineInterpolated($"safety backup of the replaced data: {result.SafetyBackupPath}");
                }
                if (result.PreviousDatabase is not null)
                {
                    console.MarkupLineInterpolated($"the replaced database is kept as {result.PreviousDatabase} (drop it when satisfied)");
                }
            });
        });
        return command;
    }
}
