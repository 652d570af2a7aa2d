using System.Text;
using PortfolioTracker.Operations;
using PortfolioTracker.Operations.Backups;
using PortfolioTracker.Operations.Connection;
using PortfolioTracker.Operator.Console;

namespace PortfolioTracker.Operator.Tests;

[Collection(SuiteCollection.Name)]
public sealed class BackupTests(SuiteFixture suite)
{
    private readonly string _folder = Directory.CreateTempSubdirectory("pt-backups-").FullName;

    [Fact]
    public async Task A_backup_is_encrypted_so_neither_the_dump_nor_a_row_can_be_read_from_it()
    {
        var database = await suite.CreateMigratedDatabaseAsync("enc");
        await SampleUser.CreateAsync(suite.AdminConnectionString(database), "readable.owner@example.com");

        var path = await BackupAsync(database);

        var bytes = await File.ReadAllBytesAsync(path);
        Assert.StartsWith("PTBACKUP", Encoding.ASCII.GetString(bytes, 0, 8));
        Assert.Equal(-1, bytes.AsSpan().IndexOf("PGDMP"u8));
        Assert.Equal(-1, bytes.AsSpan().IndexOf("readable.owner"u8));
    }

    [Fact]
    public async Task A_backup_by_a_role_without_bypassrls_fails_loudly_and_leaves_no_backup()
    {
        await suite.ExecuteAsync("alter role backup_reader nobypassrls");
        try
        {
            var result = await OperatorRun.RunAsync(["backup", "--out", _folder, .. suite.Flags()]);

            Assert.Equal(ExitCodes.ProblemsFound, result.ExitCode);
            Assert.Contains("lacks BYPASSRLS", result.Error);
            Assert.Empty(Directory.GetFiles(_folder));
        }
        finally
        {
            await suite.ExecuteAsync("alter role backup_reader bypassrls");
        }
    }

    [Fact]
    public async Task A_backup_cancelled_while_dumping_leaves_no_file_that_looks_complete()
    {
        var connection = new SuiteConnection(suite.AdminConnectionString(), suite.StateDirectory, null);
        using var cancel = new CancellationTokenSource();
        var progress = new Immediate(p =>
        {
            if (p.Step.StartsWith("dumping", StringComparison.Ordinal))
            {
                cancel.Cancel();
            }
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            new DatabaseBackup(connection).RunAsync(new BackupRequest(_folder, KeyPath), progress, cancel.Token));

        Assert.Empty(Directory.GetFiles(_folder, "*.ptbackup"));
        Assert.Empty(Directory.GetFiles(_folder, "*.manifest.json"));
    }

    [Fact]
    public async Task Retention_keeps_the_newest_n_backups_with_their_manifests()
    {
        var first = await BackupAsync(keep: 2);
        var second = await BackupAsync(keep: 2);
        var third = await BackupAsync(keep: 2);

        var left = Directory.GetFiles(_folder, "*.ptbackup").Order().ToList();
        Assert.Equal([second, third], left);
        Assert.False(File.Exists(first + ".manifest.json"));
        Assert.True(File.Exists(third + ".manifest.json"));
    }

    [Fact]
    public async Task The_manifest_counts_every_row_of_every_table()
    {
        var database = await suite.CreateMigratedDatabaseAsync("manifest");
        await SampleUser.CreateAsync(suite.AdminConnectionString(database));

        var result = await OperatorRun.RunAsync(["backup", "--json", "--out", _folder, .. suite.Flags(database)]);

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        var tables = result.Json().RootElement.GetProperty("tables").EnumerateArray()
            .ToDictionary(t => t.GetProperty("table").GetString()!, t => t.GetProperty("rows").GetInt64());
        Assert.Equal(1, tables["auth.users"]);
        Assert.Equal(await suite.ScalarAsync<long>("select count(*) from public.portfolios", database), tables["public.portfolios"]);
        Assert.Equal(1, tables["public.watchlist"]);
    }

    [Fact]
    public void A_key_inside_the_backup_folder_is_refused()
    {
        var error = Assert.Throws<OperationFailedException>(() => BackupKey.EnsureOutside(Path.Combine(_folder, "backup.key"), _folder));

        Assert.Contains("must not be inside", error.Message);
    }

    private string KeyPath => Path.Combine(suite.StateDirectory, "keys", "backup.key");

    private async Task<string> BackupAsync(string? database = null, int? keep = null)
    {
        string[] retention = keep is null ? [] : ["--keep", keep.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)];
        var result = await OperatorRun.RunAsync(["backup", "--json", "--out", _folder, .. retention, .. suite.Flags(database ?? TestSupport.PostgresServer.Database)]);
        Assert.True(result.ExitCode == ExitCodes.Ok, result.Error);
        return result.Json().RootElement.GetProperty("path").GetString()!;
    }

    private sealed class Immediate(Action<OperationProgress> report) : IProgress<OperationProgress>
    {
        public void Report(OperationProgress value) => report(value);
    }
}
