using PortfolioTracker.Db;
using PortfolioTracker.Operations;
using PortfolioTracker.Operations.Backups;
using PortfolioTracker.Operations.Connection;
using PortfolioTracker.Operations.Restores;
using PortfolioTracker.Operator.Console;

namespace PortfolioTracker.Operator.Tests;

[Collection(SuiteCollection.Name)]
public sealed class RestoreTests(SuiteFixture suite)
{
    private readonly string _folder = Directory.CreateTempSubdirectory("pt-restores-").FullName;

    [Fact]
    public async Task Backup_then_drop_then_restore_gives_identical_per_table_checksums()
    {
        var database = await suite.CreateMigratedDatabaseAsync("roundtrip");
        await SampleUser.CreateAsync(suite.AdminConnectionString(database));
        await SampleUser.CreateAsync(suite.AdminConnectionString(database));
        var before = await ChecksumsAsync(database);
        var backup = await BackupAsync(database);
        await suite.ExecuteAsync($"drop database {database} with (force)");

        var result = await OperatorRun.RunAsync(["restore", backup, "--into", database, "--json", .. suite.Flags()]);

        Assert.True(result.ExitCode == ExitCodes.Ok, result.Error);
        Assert.Equal(before, await ChecksumsAsync(database));
        Assert.Contains(before, t => t.Table == "public.transactions" && t.Rows == 2);
    }

    [Fact]
    public async Task Restoring_over_a_database_takes_a_safety_backup_and_keeps_the_old_one()
    {
        var database = await suite.CreateMigratedDatabaseAsync("over");
        await SampleUser.CreateAsync(suite.AdminConnectionString(database));
        var backedUp = await ChecksumsAsync(database);
        var backup = await BackupAsync(database);
        await SampleUser.CreateAsync(suite.AdminConnectionString(database)); // written after the backup
        var replaced = await ChecksumsAsync(database);

        var result = await OperatorRun.RunAsync(["restore", backup, "--json", .. suite.Flags(database)]);

        Assert.True(result.ExitCode == ExitCodes.Ok, result.Error);
        using var json = result.Json();
        Assert.Equal(backedUp, await ChecksumsAsync(database));
        var previous = json.RootElement.GetProperty("previousDatabase").GetString()!;
        Assert.Equal(replaced, await ChecksumsAsync(previous));
        Assert.Contains("pre-restore", json.RootElement.GetProperty("safetyBackup").GetString());
    }

    [Fact]
    public async Task A_flipped_byte_makes_the_restore_refuse_and_change_nothing()
    {
        var database = await suite.CreateMigratedDatabaseAsync("flip");
        await SampleUser.CreateAsync(suite.AdminConnectionString(database));
        var backup = await BackupAsync(database);
        var bytes = await File.ReadAllBytesAsync(backup);
        bytes[bytes.Length / 2] ^= 0x01;
        await File.WriteAllBytesAsync(backup, bytes);
        await SampleUser.CreateAsync(suite.AdminConnectionString(database));
        var before = await ChecksumsAsync(database);

        var result = await OperatorRun.RunAsync(["restore", backup, .. suite.Flags(database)]);

        Assert.Equal(ExitCodes.ProblemsFound, result.ExitCode);
        Assert.Contains("fails authentication", result.Error);
        Assert.Equal(before, await ChecksumsAsync(database));
        Assert.Empty(await suite.DatabasesLikeAsync($"{database}_%"));
    }

    [Fact]
    public async Task A_backup_cannot_be_restored_with_another_key()
    {
        var database = await suite.CreateMigratedDatabaseAsync("wrongkey");
        var backup = await BackupAsync(database);
        var otherKey = Path.Combine(Directory.CreateTempSubdirectory("pt-other-key-").FullName, "backup.key");
        BackupKey.Load(otherKey, create: true);

        var result = await OperatorRun.RunAsync(["restore", backup, "--key", otherKey, .. suite.Flags(database)]);

        Assert.Equal(ExitCodes.ProblemsFound, result.ExitCode);
        Assert.Contains("another key", result.Error);
    }

    [Fact]
    public async Task A_truncated_backup_is_refused_as_incomplete()
    {
        var database = await suite.CreateMigratedDatabaseAsync("truncated");
        var backup = await BackupAsync(database);
        var bytes = await File.ReadAllBytesAsync(backup);
        await File.WriteAllBytesAsync(backup, bytes[..(bytes.Length - 20)]);
        var key = BackupKey.Load(KeyPath, create: false);

        var error = await Assert.ThrowsAsync<OperationFailedException>(() => DatabaseRestore.VerifyAsync(backup, key, CancellationToken.None));

        Assert.Contains("ends early", error.Message);
    }

    [Fact]
    public async Task A_restore_that_fails_midway_leaves_the_target_as_it_was()
    {
        var database = await suite.CreateMigratedDatabaseAsync("midway");
        await SampleUser.CreateAsync(suite.AdminConnectionString(database));
        var backup = await BackupAsync(database);
        await SampleUser.CreateAsync(suite.AdminConnectionString(database));
        var before = await ChecksumsAsync(database);
        var migrations = MigrationsWithOneThatFails();
        var connection = new SuiteConnection(suite.AdminConnectionString(database), suite.StateDirectory, null);

        var error = await Assert.ThrowsAsync<MigrationException>(() => new DatabaseRestore(connection).RunAsync(
            new RestoreRequest(backup, KeyPath, null, _folder, migrations)));

        Assert.Contains("999_fails", error.Message);
        Assert.Equal(before, await ChecksumsAsync(database));
        Assert.Empty(await suite.DatabasesLikeAsync($"{database}_%"));
    }

    [Fact]
    public async Task The_restore_drill_passes_and_drops_its_scratch_database()
    {
        var database = await suite.CreateMigratedDatabaseAsync("drill");
        await SampleUser.CreateAsync(suite.AdminConnectionString(database));

        var result = await OperatorRun.RunAsync(["restore-drill", "--json", "--out", _folder, .. suite.Flags(database)]);

        Assert.True(result.ExitCode == ExitCodes.Ok, result.Error);
        using var json = result.Json();
        Assert.True(json.RootElement.GetProperty("rows").GetInt64() > 0);
        Assert.False(await suite.DatabaseExistsAsync(json.RootElement.GetProperty("scratchDatabase").GetString()!));
        Assert.Empty(await suite.DatabasesLikeAsync($"{database}_%"));
    }

    private string KeyPath => Path.Combine(suite.StateDirectory, "keys", "backup.key");

    private Task<IReadOnlyList<TableChecksum>> ChecksumsAsync(string database) =>
        TableChecksums.ComputeAsync(suite.AdminConnectionString(database));

    private async Task<string> BackupAsync(string database)
    {
        var result = await OperatorRun.RunAsync(["backup", "--json", "--out", _folder, .. suite.Flags(database)]);
        Assert.True(result.ExitCode == ExitCodes.Ok, result.Error);
        return result.Json().RootElement.GetProperty("path").GetString()!;
    }

    /// <summary>The real migrations plus a last one that fails: the restore's migration step breaks after the data is in.</summary>
    private static string MigrationsWithOneThatFails()
    {
        var directory = Directory.CreateTempSubdirectory("pt-migrations-").FullName;
        foreach (var file in Directory.GetFiles(MigrationFile.DefaultDirectory, "*.sql"))
        {
            File.Copy(file, Path.Combine(directory, Path.GetFileName(file)));
        }
        File.WriteAllText(Path.Combine(directory, "999_fails.sql"), "select 1 / 0;");
        File.WriteAllText(Path.Combine(directory, "999_fails.rollback.sql"), "select 1;");
        return directory;
    }
}
