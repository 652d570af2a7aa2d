extern alias operationsservice;

using System.Net;
using System.Text;
using Npgsql;
using operationsservice::PortfolioTracker.OperationsService;
using PortfolioTracker.Operations.Backups;

namespace PortfolioTracker.Operator.Tests;

/// <summary>The service with the backup due every second, keeping two, into a state folder of its own.</summary>
public sealed class ScheduledBackupHarness : OperationsHarness
{
    public const int Keep = 2;

    public string StateDirectory { get; } = Directory.CreateTempSubdirectory("pt-ops-state-").FullName;

    public string BackupDirectory => Path.Combine(StateDirectory, "backups");

    public string KeyPath => Path.Combine(StateDirectory, "keys", BackupKey.DefaultFileName);

    protected override IEnumerable<KeyValuePair<string, string?>> MoreSettings() =>
    [
        new($"{ScheduleOptions.Section}:Enabled", "true"),
        new($"{ScheduleOptions.Section}:Tick", "00:00:00.250"),
        new($"{ScheduleOptions.Section}:Health", "0 0 1 1 *"),
        new($"{ScheduleOptions.Section}:MaintainDaily", "0 0 1 1 *"),
        new($"{ScheduleOptions.Section}:MaintainWeekly", "0 0 1 1 *"),
        new($"{ScheduleOptions.Section}:MaintainMonthly", "0 0 1 1 *"),
        new($"{ScheduleOptions.Section}:Backup", "* * * * * *"),
        new($"{ScheduleOptions.Section}:BackupKeep", Keep.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new($"{ScheduleOptions.Section}:StateDirectory", StateDirectory),
    ];

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(StateDirectory, recursive: true);
    }
}

/// <summary>The nightly backup as the scheduler runs it: as backup_reader, encrypted, with its manifest and retention.</summary>
public sealed class ScheduledBackupTests(ScheduledBackupHarness service) : IClassFixture<ScheduledBackupHarness>
{
    [Fact]
    public async Task The_scheduled_backup_writes_encrypted_backups_with_manifests_keeps_the_newest_and_journals_each_run()
    {
        var userId = await service.AddUserAsync();
        await service.ExecuteAsync("insert into user_profiles (user_id, first_name, last_name, country) values ($1, 'Scheduled', 'BackupOwner', 'US')", userId);
        var arranged = await ScalarAsync<DateTime>("select now()");

        // Enough runs after the row went in for retention to have removed some.
        var deadline = DateTime.UtcNow.AddSeconds(90);
        long succeeded;
        do
        {
            await Task.Delay(250);
            succeeded = await ScalarAsync<long>("select count(*) from ops.job_runs where job = 'backup' and outcome = 'succeeded' and started_at > $1", arranged);
        }
        while (succeeded < ScheduledBackupHarness.Keep + 2 && DateTime.UtcNow < deadline);
        Assert.True(succeeded >= ScheduledBackupHarness.Keep + 2,
            $"{succeeded} succeeded backup runs; the last: {await ScalarAsync<string>("select outcome || ': ' || coalesce(detail, '') from ops.job_runs where job = 'backup' order by started_at desc limit 1")}");

        // A run may be writing its .tmp right now; what looks complete is what counts.
        var backups = Directory.GetFiles(service.BackupDirectory, "*" + DatabaseBackup.Extension);
        Assert.Equal(ScheduledBackupHarness.Keep, backups.Length);
        var key = BackupKey.Load(service.KeyPath, create: false);
        var newest = backups.Order(StringComparer.Ordinal).Last();
        var manifest = await BackupManifest.ReadVerifiedAsync(newest, key, CancellationToken.None);
        Assert.Equal(1, manifest.Tables.Single(t => t.Table == "public.user_profiles").Rows);
        var bytes = await File.ReadAllBytesAsync(newest);
        Assert.StartsWith("PTBACKUP", Encoding.ASCII.GetString(bytes, 0, 8));
        Assert.Equal(-1, bytes.AsSpan().IndexOf("PGDMP"u8));
        Assert.Equal(-1, bytes.AsSpan().IndexOf("BackupOwner"u8));
        await DatabaseBackup.VerifyReadableAsync(await PostgresTools.ForServerAsync(service.Postgres.SuperuserConnectionString(), CancellationToken.None), key, newest, CancellationToken.None);
        Assert.Contains("old backup(s) removed", await ScalarAsync<string>(
            "select detail from ops.job_runs where job = 'backup' and outcome = 'succeeded' order by started_at desc limit 1"));

        var (status, report) = await service.SendJsonAsync(HttpMethod.Get, "/v1/admin/health", null, service.Tokens.ForServiceRole());
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains(report["jobs"]!.AsArray(), j => j!["job"]!.GetValue<string>() == "backup" && j["outcome"]!.GetValue<string>() == "succeeded"
            && j["detail"]!.GetValue<string>().Contains(DatabaseBackup.Extension, StringComparison.Ordinal));
    }

    private async Task<T> ScalarAsync<T>(string sql, params object[] args)
    {
        await using var command = service.Superuser.CreateCommand(sql);
        foreach (var arg in args)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = arg });
        }
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
