using System.CommandLine;
using PortfolioTracker.Operations.Backups;
using PortfolioTracker.Operator.Console;
using Spectre.Console;

namespace PortfolioTracker.Operator.Commands;

/// <summary><c>backup [--out DIR] [--keep N] [--key FILE]</c>: an encrypted, verified pg_dump with its manifest.</summary>
public static class BackupCommand
{
    public static Command Create(CommandActions actions)
    {
        var output = new Option<string?>("--out") { Description = "The folder for the backup and its manifest. Default: .local/backups." };
        var keep = RetentionOption("Afterwards keep only the newest N backups of the database in that folder (N >= 1).");
        var key = BackupKeyOption();
        var command = new Command("backup", "Back up the database: pg_dump (custom format) as the read-only BYPASSRLS role backup_reader, encrypted with AES-256-GCM, read back with pg_restore --list, with a signed manifest of per-table row counts and checksums.")
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
            var result = await run.WithProgressAsync("backup", progress => new DatabaseBackup(connection).RunAsync(request, progress, run.CancellationToken));
            return run.Report(Summary(result), console => Render(console, result));
        });
        return command;
    }

    /// <summary><c>--keep N</c>: how many of the newest backups a folder keeps; 1 or more.</summary>
    public static Option<int?> RetentionOption(string description)
    {
        var keep = new Option<int?>("--keep") { Description = description };
        keep.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is < 1)
            {
                result.AddError("--keep must be 1 or more");
            }
        });
        return keep;
    }

    public static Option<string?> BackupKeyOption() =>
        new("--key") { Description = "The backup key file (created on first use, 0600). Default: .local/keys/backup.key; never inside the backup folder." };

    public static object Summary(BackupResult result) => new
    {
        path = result.Path,
        manifest = BackupManifest.PathFor(result.Path),
        bytes = result.Manifest.FileBytes,
        sha256 = result.Manifest.FileSha256,
        serverVersion = result.Manifest.ServerVersion,
        tables = result.Manifest.Tables,
        removed = result.Removed,
    };

    private static void Render(IAnsiConsole console, BackupResult result)
    {
        var table = new Table().AddColumns("table", "rows", "checksum");
        foreach (var t in result.Manifest.Tables.Where(t => t.Rows > 0))
        {
            table.AddRow(t.Table, t.Rows.ToString(System.Globalization.CultureInfo.InvariantCulture), t.Checksum[..12]);
        }
        console.Write(table);
        console.MarkupLineInterpolated($"[green]backup written[/]: {result.Path} ({result.Manifest.FileBytes:N0} bytes, {result.Manifest.Tables.Count} tables, {result.Manifest.Tables.Count(t => t.Rows == 0)} of them empty and not listed)");
        foreach (var removed in result.Removed)
        {
            console.MarkupLineInterpolated($"removed by retention: {removed}");
        }
    }
}
