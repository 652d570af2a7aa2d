using PortfolioTracker.Operations.Maintenance;
using PortfolioTracker.Operator.Console;

namespace PortfolioTracker.Operator.Tests;

public sealed class MaintenanceTests(MigratedCluster cluster) : IClassFixture<MigratedCluster>
{
    [Fact]
    public async Task Daily_maintenance_deletes_only_expired_cache_rows()
    {
        await using var database = await cluster.FreshDatabaseAsync();
        var (userId, _) = await database.AddUserWithPositionAsync();
        await database.ExecuteAsync(
            """
            insert into api_cache (cache_key, data, created_at, expires_at) values
              ('expired', '{}', now() - interval '2 hours', now() - interval '1 hour'),
              ('live', '{}', now() - interval '2 hours', now() + interval '1 hour')
            """);
        await database.ExecuteAsync(
            """
            insert into portfolio_metrics_cache (user_id, cache_key, metrics_json, created_at, expires_at) values
              ($1, 'expired-1', '{}', now() - interval '2 days', now() - interval '1 day'),
              ($1, 'expired-2', '{}', now() - interval '2 days', now() - interval '1 second'),
              ($1, 'live', '{}', now() - interval '2 days', now() + interval '1 minute')
            """, userId);

        var report = await new MaintenanceRunner(database, new MaintenanceOptions { BatchSize = 1 }).RunAsync(MaintenanceCadence.Daily);

        Assert.Equal("live", await database.ScalarAsync<string>("select string_agg(cache_key, ',') from api_cache"));
        Assert.Equal("live", await database.ScalarAsync<string>("select string_agg(cache_key, ',') from portfolio_metrics_cache"));
        Assert.Equal(2, report.Steps.Single(s => s.Name == "expired portfolio_metrics_cache rows deleted").Rows);
        Assert.Equal(1, report.Steps.Single(s => s.Name == "expired api_cache rows deleted").Rows);
        Assert.True(await database.ScalarAsync<bool>("select last_analyze is not null from pg_stat_user_tables where relname = 'transactions'"));
    }

    [Fact]
    public async Task Monthly_maintenance_archives_only_audit_rows_older_than_the_retention_age()
    {
        await using var database = await cluster.FreshDatabaseAsync();
        var (userId, _) = await database.AddUserWithPositionAsync();
        // The inserts above wrote audit rows now; age three of them.
        var total = await database.ScalarAsync<long>("select count(*) from audit_log where user_id = $1", userId);
        await database.ExecuteAsync(
            "update audit_log set created_at = now() - interval '200 days' where id in (select id from audit_log where user_id = $1 order by id limit 3)", userId);
        var old = await database.ScalarAsync<Guid[]>("select array_agg(id order by id) from audit_log where created_at < now() - interval '183 days'");

        var report = await new MaintenanceRunner(database, new MaintenanceOptions { BatchSize = 2 }).RunAsync(MaintenanceCadence.Monthly);

        Assert.Equal(3, report.Steps.Single(s => s.Name == "audit rows archived").Rows);
        Assert.Equal(old, await database.ScalarAsync<Guid[]>("select array_agg(id order by id) from audit.audit_log_archive"));
        Assert.Equal(total - 3, await database.ScalarAsync<long>("select count(*) from audit_log"));
        Assert.False(await database.ScalarAsync<bool>("select exists (select from audit_log where created_at < now() - interval '183 days')"));
        Assert.True(report.Integrity!.Healthy);
    }

    [Fact]
    public async Task Weekly_maintenance_reports_an_index_that_was_never_scanned()
    {
        await using var database = await cluster.FreshDatabaseAsync();
        await database.ExecuteAsync("create index idx_watchlist_notes_unused on public.watchlist (notes)");

        var report = await new MaintenanceRunner(database, new MaintenanceOptions()).RunAsync(MaintenanceCadence.Weekly);

        Assert.Contains(report.UnusedIndexes, i => i.Index == "public.idx_watchlist_notes_unused" && i.Table == "public.watchlist" && i.Scans == 0);
        Assert.DoesNotContain(report.UnusedIndexes, i => i.Index.EndsWith("_pkey", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Maintain_monthly_exits_with_one_when_the_integrity_check_finds_problems()
    {
        await using var database = await cluster.FreshDatabaseAsync();
        await database.ExecuteAsync("alter table public.stocks no force row level security");

        var result = await OperatorRun.RunAsync("maintain", "monthly", "--audit-retention-days", "30", "--json", "--connection", cluster.OwnerConnectionString(database));

        Assert.Equal(ExitCodes.ProblemsFound, result.ExitCode);
        using var json = result.Json();
        Assert.Equal("monthly", json.RootElement.GetProperty("cadence").GetString());
        Assert.Single(json.RootElement.GetProperty("integrity").GetProperty("problems").EnumerateArray());
    }
}
