using System.Globalization;
using System.Text;
using CliWrap;
using Npgsql;
using PortfolioTracker.Operations.Backups;
using PortfolioTracker.Operations.Connection;
using PortfolioTracker.Operations.Migrations;

namespace PortfolioTracker.Operations.Restores;

/// <summary>What a restore is asked to do.</summary>
/// <param name="BackupPath">The encrypted backup; its manifest lies beside it.</param>
/// <param name="KeyPath">The key it was encrypted with.</param>
/// <param name="IntoDatabase">The database to restore into; default the suite's. A missing one is created.</param>
/// <param name="SafetyBackupDirectory">Where the target's safety backup goes before anything changes.</param>
/// <param name="MigrationsDirectory">The migrations to run afterwards; default those beside the tool.</param>
public sealed record RestoreRequest(string BackupPath, string KeyPath, string? IntoDatabase, string SafetyBackupDirectory, string? MigrationsDirectory = null);

/// <summary>A finished restore.</summary>
/// <param name="PreviousDatabase">The name the replaced database is kept under (drop it when satisfied); null when the target was new.</param>
public sealed record RestoreResult(string Database, string? SafetyBackupPath, string? PreviousDatabase, int MigrationsApplied, IReadOnlyList<TableChecksum> Tables);

/// <summary>
/// <c>restore</c>: authenticates the whole backup and its manifest before anything changes, takes
/// a safety backup of the target, restores into a new database in one transaction
/// (<c>pg_restore --single-transaction</c>), checks every table's checksum against the manifest,
/// runs the migrations, and only then swaps the new database in by renaming (the old one is kept
/// under another name). Any failure drops the new database and leaves the target as it was.
/// </summary>
public sealed class DatabaseRestore(SuiteConnection connection)
{
    private const string ObjectInUse = "55006";

    public async Task<RestoreResult> RunAsync(RestoreRequest request, IProgress<OperationProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var target = request.IntoDatabase ?? connection.DatabaseName;
        progress?.Report(new("authenticating the backup and its manifest", 0.02));
        var key = BackupKey.Load(request.KeyPath, create: false);
        var manifest = await VerifyAsync(request.BackupPath, key, cancellationToken);
        var tools = await PostgresTools.ForServerAsync(connection.AdminConnectionStringFor("postgres"), cancellationToken);

        string? safety = null;
        if (await DatabaseExistsAsync(target, cancellationToken))
        {
            progress?.Report(new($"safety backup of {target}", 0.1));
            var backup = await new DatabaseBackup(connection).RunAsync(
                new BackupRequest(request.SafetyBackupDirectory, request.KeyPath, Label: "pre-restore"), cancellationToken: cancellationToken, database: target);
            safety = backup.Path;
        }

        var stamp = DateTimeOffset.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
        var staging = Truncate($"{target}_restoring_{stamp}");
        await ExecuteAsync($"create database {Quote(staging)} template template0", cancellationToken);
        try
        {
            progress?.Report(new($"restoring into {staging} in one transaction", 0.4));
            await RestoreAsync(tools, key, request.BackupPath, staging, cancellationToken);

            progress?.Report(new("comparing per-table checksums with the manifest", 0.7));
            var restored = await TableChecksums.ComputeAsync(connection.AdminConnectionStringFor(staging), cancellationToken);
            var differences = TableChecksums.Differences(manifest.Tables, restored);
            if (differences.Count > 0)
            {
                throw new OperationFailedException($"the restored data differs from the manifest: {string.Join("; ", differences.Take(5))}");
            }

            // Checked before the migrations on purpose: a newer migration may legitimately
            // change rows, and the manifest describes the data as it was dumped.
            progress?.Report(new("running the migrations", 0.8));
            var migrations = new SuiteMigrations(connection with { AdminConnectionString = connection.AdminConnectionStringFor(staging) }, request.MigrationsDirectory);
            var applied = await migrations.UpAsync(cancellationToken);

            progress?.Report(new($"swapping {staging} in as {target}", 0.95));
            var previous = await SwapAsync(target, staging, stamp, cancellationToken);
            return new RestoreResult(target, safety, previous, applied, restored);
        }
        catch
        {
            await DropAsync(staging);
            throw;
        }
    }

    /// <summary>
    /// The manifest's signature, the file's SHA-256 against it, then every chunk decrypted:
    /// a tampered, truncated or wrongly keyed backup is refused before anything is touched.
    /// </summary>
    public static async Task<BackupManifest> VerifyAsync(string backupPath, BackupKey key, CancellationToken cancellationToken)
    {
        if (!File.Exists(backupPath))
        {
            throw new OperationFailedException($"no backup at {backupPath}");
        }
        var manifest = await BackupManifest.ReadVerifiedAsync(backupPath, key, cancellationToken);
        await using (var source = File.OpenRead(backupPath))
        {
            await BackupCipher.DecryptAsync(key, source, Stream.Null, cancellationToken);
        }
        if (await DatabaseBackup.Sha256Async(backupPath, cancellationToken) != manifest.FileSha256)
        {
            throw new OperationFailedException("the backup file is not the one its manifest describes (SHA-256 differs)");
        }
        return manifest;
    }

    private async Task RestoreAsync(PostgresTools tools, BackupKey key, string backupPath, string database, CancellationToken cancellationToken)
    {
        var errors = new StringBuilder();
        var result = await Cli.Wrap(tools.PgRestore)
            .WithArguments(["--single-transaction", "--exit-on-error", "--no-password", $"--dbname={database}"])
            .WithEnvironmentVariables(PostgresTools.Environment(connection.AdminConnectionStringFor(database)))
            .WithStandardInputPipe(PipeSource.Create(async (stdin, ct) =>
            {
                await using var source = File.OpenRead(backupPath);
                await BackupCipher.DecryptAsync(key, source, stdin, ct);
            }))
            .WithStandardErrorPipe(PipeTarget.ToStringBuilder(errors))
            .WithValidation(CommandResultValidation.None)
            .ExecuteAsync(cancellationToken);
        if (result.ExitCode != 0)
        {
            throw new OperationFailedException($"pg_restore failed (exit code {result.ExitCode}), nothing was restored: {DatabaseBackup.FirstLine(errors)}");
        }
    }

    /// <summary>
    /// Renames the target away and the restored database in, in one transaction; sessions on the
    /// target are ended first (the services reconnect to the restored one). Retried while a
    /// session slips back in between.
    /// </summary>
    private async Task<string?> SwapAsync(string target, string staging, string stamp, CancellationToken cancellationToken)
    {
        NpgsqlConnection.ClearAllPools();
        var previous = Truncate($"{target}_before_restore_{stamp}");
        for (var attempt = 1; ; attempt++)
        {
            await using var admin = await OpenAsync("postgres", cancellationToken);
            await using var transaction = await admin.BeginTransactionAsync(cancellationToken);
            var exists = await ScalarAsync<bool>(admin, "select exists (select from pg_catalog.pg_database where datname = $1)", target, cancellationToken);
            try
            {
                await ScalarAsync<object>(admin, "select count(pg_terminate_backend(pid)) from pg_catalog.pg_stat_activity where datname = $1 and pid <> pg_backend_pid()", target, cancellationToken);
                if (exists)
                {
                    await using var away = new NpgsqlCommand($"alter database {Quote(target)} rename to {Quote(previous)}", admin, transaction);
                    await away.ExecuteNonQueryAsync(cancellationToken);
                }
                await using var into = new NpgsqlCommand($"alter database {Quote(staging)} rename to {Quote(target)}", admin, transaction);
                await into.ExecuteNonQueryAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return exists ? previous : null;
            }
            catch (PostgresException e) when (e.SqlState == ObjectInUse && attempt < 10)
            {
                await transaction.RollbackAsync(cancellationToken);
                await Task.Delay(200, cancellationToken);
            }
        }
    }

    private async Task<bool> DatabaseExistsAsync(string database, CancellationToken cancellationToken)
    {
        await using var admin = await OpenAsync("postgres", cancellationToken);
        return await ScalarAsync<bool>(admin, "select exists (select from pg_catalog.pg_database where datname = $1)", database, cancellationToken);
    }

    /// <summary>Drops a database this tool created (a staging or scratch one); never the target.</summary>
    public async Task DropAsync(string database)
    {
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync($"drop database if exists {Quote(database)} with (force)", CancellationToken.None);
    }

    private async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var admin = await OpenAsync("postgres", cancellationToken);
        await using var command = new NpgsqlCommand(sql, admin);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<NpgsqlConnection> OpenAsync(string database, CancellationToken cancellationToken)
    {
        var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connection.AdminConnectionStringFor(database)) { Pooling = false }.ConnectionString);
        await admin.OpenAsync(cancellationToken);
        return admin;
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection admin, string sql, string parameter, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, admin);
        command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        return (T)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Database names are identifiers of at most 63 bytes.</summary>
    private static string Truncate(string name) => name.Length <= 63 ? name : name[..63];

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
