extern alias operationsservice;

using Npgsql;
using operationsservice::PortfolioTracker.OperationsService;

namespace PortfolioTracker.Operator.Tests;

/// <summary>The service with every maintenance cadence due each second, and nothing else scheduled.</summary>
public sealed class ScheduledMaintenanceHarness : OperationsHarness
{
    protected override IEnumerable<KeyValuePair<string, string?>> MoreSettings() =>
    [
        new($"{ScheduleOptions.Section}:Enabled", "true"),
        new($"{ScheduleOptions.Section}:Tick", "00:00:00.250"),
        new($"{ScheduleOptions.Section}:Health", "0 0 1 1 *"),
        new($"{ScheduleOptions.Section}:MaintainDaily", "* * * * * *"),
        new($"{ScheduleOptions.Section}:MaintainWeekly", "* * * * * *"),
        new($"{ScheduleOptions.Section}:MaintainMonthly", "* * * * * *"),
    ];
}

/// <summary>
/// The scheduled maintenance of the operations service, which holds no owner login: it runs as
/// <c>authenticator</c> acting as <c>ops_maintainer</c> (and reads for the integrity check as
/// <c>backup_reader</c>), and still does its work.
/// </summary>
public sealed class ScheduledMaintenanceTests(ScheduledMaintenanceHarness service) : IClassFixture<ScheduledMaintenanceHarness>
{
    [Fact]
    public async Task Scheduled_maintenance_without_the_owner_deletes_expired_cache_rows_archives_old_audit_rows_and_analyzes()
    {
        var userId = await service.AddUserAsync();
        await service.ExecuteAsync(
            """
            insert into api_cache (cache_key, data, created_at, expires_at) values
              ('scheduled-expired', '{}', now() - interval '2 hours', now() - interval '1 hour'),
              ('scheduled-live', '{}', now() - interval '2 hours', now() + interval '1 hour')
            """);
        await service.ExecuteAsync(
            """
            insert into audit_log (user_id, actor_role, action, table_name, record_key, new_data, created_at)
            values ($1, 'authenticated', 'INSERT', 'watchlist', '{}', '{}', now() - interval '400 days')
            """, userId);
        var arranged = await ScalarAsync<DateTime>("select now()");

        foreach (var job in new[] { "maintain-daily", "maintain-weekly", "maintain-monthly" })
        {
            await WaitForSucceededRunAsync(job, arranged);
        }

        Assert.Equal("scheduled-live", await ScalarAsync<string>("select string_agg(cache_key, ',') from api_cache where cache_key like 'scheduled-%'"));
        Assert.Equal(0L, await ScalarAsync<long>("select count(*) from audit_log where created_at < now() - interval '183 days'"));
        Assert.Equal(1L, await ScalarAsync<long>("select count(*) from audit.audit_log_archive where user_id = $1 and table_name = 'watchlist'", userId));
        Assert.True(await ScalarAsync<bool>("select last_analyze > $1 from pg_stat_user_tables where relname = 'transactions'", arranged));
        Assert.Contains("analyzed (vacuum left to autovacuum)", await ScalarAsync<string>(
            "select detail from ops.job_runs where job = 'maintain-weekly' and outcome = 'succeeded' order by started_at desc limit 1"));
        Assert.Contains("integrity: 0 problem(s)", await ScalarAsync<string>(
            "select detail from ops.job_runs where job = 'maintain-monthly' and outcome = 'succeeded' order by started_at desc limit 1"));
    }

    [Fact]
    public async Task The_service_reaches_the_database_only_as_authenticator_and_its_own_logins()
    {
        await WaitForSucceededRunAsync("maintain-monthly", await ScalarAsync<DateTime>("select now()"));

        var users = new List<string>();
        await using (var command = service.Superuser.CreateCommand(
            "select distinct usename::text from pg_stat_activity where datname = current_database() and application_name like 'operations-%'"))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                users.Add(reader.GetString(0));
            }
        }

        Assert.Contains("authenticator", users);
        Assert.Contains("backup_reader", users);
        Assert.All(users, user => Assert.Contains(user, new[] { "authenticator", "ops_monitor", "backup_reader" }));
    }

    private async Task WaitForSucceededRunAsync(string job, DateTime after)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (await ScalarAsync<bool>("select exists (select from ops.job_runs where job = $1 and outcome = 'succeeded' and started_at > $2)", job, after))
            {
                return;
            }
            await Task.Delay(200);
        }
        var last = await ScalarAsync<string?>("select outcome || ': ' || coalesce(detail, '') from ops.job_runs where job = $1 order by started_at desc limit 1", job);
        Assert.Fail($"no succeeded {job} run after {after:O}; the last was {last ?? "none"}");
    }

    private async Task<T> ScalarAsync<T>(string sql, params object[] args)
    {
        await using var command = service.Superuser.CreateCommand(sql);
        foreach (var arg in args)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = arg });
        }
        var value = await command.ExecuteScalarAsync();
        return value is DBNull or null ? default! : (T)value;
    }
}
