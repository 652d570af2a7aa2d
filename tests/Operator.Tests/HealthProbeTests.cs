using Npgsql;
using PortfolioTracker.Operations.Health;
using StackExchange.Redis;

namespace PortfolioTracker.Operator.Tests;

public sealed class HealthProbeTests(MigratedCluster cluster) : IClassFixture<MigratedCluster>
{
    private async Task<(NpgsqlDataSource Owner, NpgsqlDataSource Monitor)> DatabaseWithMonitorAsync()
    {
        var owner = await cluster.FreshDatabaseAsync();
        var admin = cluster.OwnerConnectionString(owner);
        var password = Guid.NewGuid().ToString("N");
        await MonitorLogin.SetPasswordAsync(admin, password);
        return (owner, NpgsqlDataSource.Create(MonitorLogin.ConnectionString(admin, password)));
    }

    [Fact]
    public async Task A_quiet_suite_reports_its_figures_without_alerts()
    {
        var (owner, monitor) = await DatabaseWithMonitorAsync();
        await using var _ = owner;
        await using var __ = monitor;
        using var redis = await ConnectionMultiplexer.ConnectAsync(cluster.Redis.ConnectionString + ",allowAdmin=true");

        var report = await new HealthProbe(monitor, redis, new HealthThresholds()).RunAsync();

        Assert.Empty(report.Alerts);
        Assert.Equal("ok", report.Status);
        Assert.Equal(200, report.Connections.Max);
        Assert.True(report.Connections.Total >= 1);
        Assert.True(report.Statements.Available, report.Statements.Unavailable);
        Assert.Contains(report.Tables, t => t.Table == "public.transactions");
        Assert.Equal(["postgres-buffers", "redis", "metrics-cache"], report.Caches.Select(c => c.Cache));
        Assert.Null(report.Caches.Single(c => c.Cache == "redis").Unavailable);
        Assert.Equal("alpha_vantage", Assert.Single(report.Providers).Service);
    }

    [Fact]
    public async Task A_long_running_query_and_an_idle_transaction_become_alerts_with_their_durations()
    {
        var (owner, monitor) = await DatabaseWithMonitorAsync();
        await using var _ = owner;
        await using var __ = monitor;
        await using var idle = await owner.OpenConnectionAsync();
        await using var transaction = await idle.BeginTransactionAsync();
        await using (var touch = new NpgsqlCommand("select 1", idle, transaction))
        {
            await touch.ExecuteScalarAsync();
        }
        await using var busy = await owner.OpenConnectionAsync();
        await using var sleep = new NpgsqlCommand("select pg_sleep(5)", busy);
        var sleeping = sleep.ExecuteNonQueryAsync();
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        var thresholds = new HealthThresholds { LongRunningQuery = TimeSpan.FromSeconds(1), IdleInTransaction = TimeSpan.FromSeconds(1) };

        var report = await new HealthProbe(monitor, null, thresholds).RunAsync();
        await sleeping;

        var running = Assert.Single(report.LongRunningQueries);
        Assert.Equal("select pg_sleep(5)", running.Query);
        Assert.True(running.Seconds >= 1, $"ran {running.Seconds} s");
        Assert.Single(report.IdleInTransaction);
        var alert = Assert.Single(report.Alerts, a => a.Name == "long-running-queries");
        Assert.Equal(running.Seconds, alert.Measured);
        Assert.Contains("1 queries running longer than 1 s", alert.Message);
        Assert.Contains(report.Alerts, a => a.Name == "idle-in-transaction" && a.Measured >= 1);
        Assert.DoesNotContain("pg_sleep", string.Join("\n", report.Alerts.Select(a => a.Message)));
    }

    [Fact]
    public async Task Provider_quota_and_an_open_circuit_become_alerts_with_their_measured_values()
    {
        var (owner, monitor) = await DatabaseWithMonitorAsync();
        await using var _ = owner;
        await using var __ = monitor;
        await owner.ExecuteAsync("insert into api_usage (service, date, call_count) values ('alpha_vantage', current_date, 21)");
        await owner.ExecuteAsync("insert into circuit_breaker_state (service_name, failure_count, circuit_state, last_failure_time) values ('alpha_vantage', 5, 'open', now())");

        var report = await new HealthProbe(monitor, null, new HealthThresholds()).RunAsync();

        var provider = Assert.Single(report.Providers);
        Assert.Equal((21, 25, 0.84, "open"), (provider.CallsToday, provider.DailyQuota!.Value, provider.QuotaUsed!.Value, provider.CircuitState));
        var quota = Assert.Single(report.Alerts, a => a.Name == "provider-quota:alpha_vantage");
        Assert.Equal((0.84, 0.8), (quota.Measured, quota.Threshold));
        Assert.Equal("alpha_vantage used 21 of 25 calls today (84%), at or above 80%", quota.Message);
        Assert.Contains(report.Alerts, a => a.Name == "circuit-open:alpha_vantage" && a.Measured == 5);
    }

    [Fact]
    public async Task A_low_metrics_cache_hit_ratio_becomes_an_alert_once_there_are_enough_lookups()
    {
        var (owner, monitor) = await DatabaseWithMonitorAsync();
        await using var _ = owner;
        await using var __ = monitor;
        var (userId, _) = await owner.AddUserWithPositionAsync();
        await owner.ExecuteAsync(
            "insert into portfolio_metrics_cache (user_id, cache_key, metrics_json, expires_at, hit_count) select $1, 'k' || n, '{}', now() + interval '1 hour', 1 from generate_series(1, 3) n", userId);

        var judged = await new HealthProbe(monitor, null, new HealthThresholds { MinCacheLookups = 6 }).RunAsync();
        var tooFew = await new HealthProbe(monitor, null, new HealthThresholds { MinCacheLookups = 7 }).RunAsync();

        var cache = Assert.Single(judged.Caches, c => c.Cache == "metrics-cache");
        Assert.Equal((3L, 6L, 0.5), (cache.Hits, cache.Lookups, cache.HitRatio!.Value));
        var alert = Assert.Single(judged.Alerts, a => a.Name == "cache-hit-ratio:metrics-cache");
        Assert.Equal("metrics-cache hit ratio 50.00% (3 of 6 look-ups), below 75%", alert.Message);
        Assert.DoesNotContain(tooFew.Alerts, a => a.Name.StartsWith("cache-hit-ratio", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Unreachable_redis_is_an_alert_not_a_failure()
    {
        var (owner, monitor) = await DatabaseWithMonitorAsync();
        await using var _ = owner;
        await using var __ = monitor;
        using var redis = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{TestSupport.FreePort.Next()},abortConnect=false,connectTimeout=500");

        var report = await new HealthProbe(monitor, redis, new HealthThresholds()).RunAsync();

        Assert.Equal("Redis is unreachable", report.Caches.Single(c => c.Cache == "redis").Unavailable);
        Assert.Contains(report.Alerts, a => a.Name == "cache-unavailable:redis");
    }

    [Fact]
    public async Task The_monitoring_login_cannot_read_or_change_user_data()
    {
        var (owner, monitor) = await DatabaseWithMonitorAsync();
        await using var _ = owner;
        await using var __ = monitor;
        await owner.AddUserWithPositionAsync();

        var read = await Assert.ThrowsAsync<PostgresException>(() => monitor.ScalarAsync<long>("select count(*) from public.transactions"));
        var write = await Assert.ThrowsAsync<PostgresException>(() => monitor.ExecuteAsync("delete from ops.job_runs"));

        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, read.SqlState);
        Assert.Equal(PostgresErrorCodes.ReadOnlySqlTransaction, write.SqlState);
    }
}
