using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CliWrap;
using Npgsql;
using PortfolioTracker.Operations.Connection;

namespace PortfolioTracker.Operations.Backups;

/// <summary>What a backup is asked to do.</summary>
/// <param name="Directory">Where the backup and its manifest go (created 0700 if missing).</param>
/// <param name="KeyPath">The backup key; created on first use; never inside <paramref name="Directory"/>.</param>
/// <param name="Keep">Keep only the newest N backups of the database in the folder; null keeps all.</param>
/// <param name="Label">A word in the file name that sets this backup apart (e.g. <c>pre-restore</c>); such backups are outside retention.</param>
public sealed record BackupRequest(string Directory, string KeyPath, int? Keep = null, string? Label = null);

/// <summary>A finished backup: the encrypted file, its manifest, and what retention removed.</summary>
public sealed record BackupResult(string Path, BackupManifest Manifest, IReadOnlyList<string> Removed);

/// <summary>
/// <c>backup</c>: pg_dump (custom format) as <c>backup_reader</c> (BYPASSRLS, read-only) in one
/// exported snapshot that the manifest's per-table checksums are computed in too, encrypted as
/// it streams (<see cref="BackupCipher"/>) into a <c>.tmp</c> file that becomes the backup only
/// after pg_restore has read its table of contents back. A killed or failed backup leaves at most
/// a <c>.tmp</c>, never a file that looks complete.
/// </summary>
/// <param name="connection">The suite; its administrator sets <c>backup_reader</c>'s password before each backup.</param>
/// <param name="readerConnectionString">
/// A ready <c>backup_reader</c> login instead (the operations service, which holds no
/// administrator's credentials: the migrator sets the password); <paramref name="connection"/>
/// then only names the database and the state folder.
/// </param>
public sealed class DatabaseBackup(SuiteConnection connection, string? readerConnectionString = null)
{
    public const string Extension = ".ptbackup";
    public const string TemporarySuffix = ".tmp";

    public static string DefaultDirectory(SuiteConnection connection) => Path.Combine(connection.StateDirectory, "backups");

    /// <summary>In the owner-only <c>keys/</c> folder beside the signing key, not among the backups.</summary>
    public static string DefaultKeyPath(SuiteConnection connection) => Path.Combine(connection.StateDirectory, "keys", BackupKey.DefaultFileName);

    public async Task<BackupResult> RunAsync(BackupRequest request, IProgress<OperationProgress>? progress = null, CancellationToken cancellationToken = default, string? database = null)
    {
        database ??= connection.DatabaseName;
        var directory = Path.GetFullPath(request.Directory);
        BackupKey.EnsureOutside(request.KeyPath, directory);
        CreatePrivateDirectory(directory);
        var key = BackupKey.Load(request.KeyPath, create: true);

        progress?.Report(new("checking pg_dump and the backup role", 0.02));
        var tools = await PostgresTools.ForServerAsync(readerConnectionString ?? connection.AdminConnectionStringFor(database), cancellationToken);
        var reader = readerConnectionString ?? await BackupReaderLogin.PrepareAsync(connection, database, cancellationToken);

        await using var snapshotHolder = new NpgsqlConnection(reader);
        await snapshotHolder.OpenAsync(cancellationToken);
        await EnsureBypassesRlsAsync(snapshotHolder, cancellationToken);
        await using var snapshotTransaction = await snapshotHolder.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);
        string snapshot;
        await using (var export = new NpgsqlCommand("select pg_export_snapshot()", snapshotHolder, snapshotTransaction))
        {
            snapshot = (string)(await export.ExecuteScalarAsync(cancellationToken))!;
        }

        progress?.Report(new("counting rows and checksums per table", 0.05));
        var tables = await TableChecksums.ComputeAsync(snapshotHolder, cancellationToken);

        var createdAt = DateTimeOffset.UtcNow;
        var name = $"{database}-{(request.Label is null ? "" : request.Label + "-")}{createdAt.ToString("yyyyMMdd'T'HHmmssfff'Z'", CultureInfo.InvariantCulture)}{Extension}";
        var path = Path.Combine(directory, name);
        var temporary = path + TemporarySuffix;
        var manifestPath = BackupManifest.PathFor(path);
        var complete = false;
        try
        {
            progress?.Report(new("dumping and encrypting", 0.3));
            await DumpAsync(tools, reader, snapshot, key, temporary, cancellationToken);
            await snapshotTransaction.CommitAsync(cancellationToken);

            progress?.Report(new("reading the backup back with pg_restore --list", 0.8));
            await VerifyReadableAsync(tools, key, temporary, cancellationToken);

            var info = new FileInfo(temporary);
            var manifest = new BackupManifest(
                BackupManifest.CurrentFormatVersion, database, createdAt, tools.ServerVersion, tools.PgDumpVersion,
                key.Id, await Sha256Async(temporary, cancellationToken), info.Length, tables).Sign(key);
            await manifest.WriteAsync(manifestPath, cancellationToken);
            File.Move(temporary, path, overwrite: false);
            complete = true;

            var removed = request.Keep is { } keep ? Retention.Apply(directory, database, keep) : [];
            progress?.Report(new("done", 1));
            return new BackupResult(path, manifest, removed);
        }
        finally
        {
            if (!complete)
            {
                File.Delete(temporary);
                File.Delete(manifestPath);
            }
        }
    }

    /// <summary>
    /// Refuses before dumping: without BYPASSRLS, pg_dump stops at the first table with a policy
    /// (and with --enable-row-security it would silently dump only what the policies show).
    /// </summary>
    private static async Task EnsureBypassesRlsAsync(NpgsqlConnection reader, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("select rolbypassrls or rolsuper from pg_catalog.pg_roles where rolname = current_user", reader);
        if (await command.ExecuteScalarAsync(cancellationToken) is not true)
        {
            throw new OperationFailedException(
                $"the backup role {BackupReaderLogin.Role} lacks BYPASSRLS: a dump would miss every row its policies hide, so no backup was made (run the migrations to restore the role)");
        }
    }

    private static async Task DumpAsync(PostgresTools tools, string reader, string snapshot, BackupKey key, string temporary, CancellationToken cancellationToken)
    {
        var errors = new StringBuilder();
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Options = FileOptions.Asynchronous };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        await using (var file = new FileStream(temporary, options))
        {
            var result = await Cli.Wrap(tools.PgDump)
                .WithArguments(["--format=custom", "--no-password", $"--snapshot={snapshot}"])
                .WithEnvironmentVariables(PostgresTools.Environment(reader))
                .WithStandardOutputPipe(PipeTarget.Create((stdout, ct) => BackupCipher.EncryptAsync(key, stdout, file, ct)))
                .WithStandardErrorPipe(PipeTarget.ToStringBuilder(errors))
                .WithValidation(CommandResultValidation.None)
                .ExecuteAsync(cancellationToken);
            if (result.ExitCode != 0)
            {
                throw new OperationFailedException($"pg_dump failed (exit code {result.ExitCode}): {FirstLine(errors)}");
            }
            await file.FlushAsync(cancellationToken);
            file.Flush(flushToDisk: true);
        }
    }

    /// <summary>Decrypts the file into <c>pg_restore --list</c>: proves it authenticates end to end and is an archive pg_restore reads.</summary>
    public static async Task VerifyReadableAsync(PostgresTools tools, BackupKey key, string path, CancellationToken cancellationToken)
    {
        var errors = new StringBuilder();
        var listing = new StringBuilder();
        Exception? decryptError = null;
        var result = await Cli.Wrap(tools.PgRestore)
            .WithArguments(["--list"])
            .WithStandardInputPipe(PipeSource.Create(async (stdin, ct) =>
            {
                try
                {
                    await using var source = File.OpenRead(path);
                    await BackupCipher.DecryptAsync(key, source, stdin, ct);
                }
                catch (OperationFailedException e)
                {
                    decryptError = e;
                }
            }))
            .WithStandardOutputPipe(PipeTarget.ToStringBuilder(listing))
            .WithStandardErrorPipe(PipeTarget.ToStringBuilder(errors))
            .WithValidation(CommandResultValidation.None)
            .ExecuteAsync(cancellationToken);
        if (decryptError is not null)
        {
            throw decryptError;
        }
        if (result.ExitCode != 0 || !listing.ToString().Contains("TABLE DATA", StringComparison.Ordinal))
        {
            throw new OperationFailedException($"pg_restore cannot read the backup back: {FirstLine(errors)}");
        }
    }

    public static async Task<string> Sha256Async(string path, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
    }

    private static void CreatePrivateDirectory(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
        }
        else
        {
            Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    internal static string FirstLine(StringBuilder text)
    {
        var line = text.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        return line ?? "no message";
    }
}
