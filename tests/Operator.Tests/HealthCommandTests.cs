using PortfolioTracker.Operations.Health;
using PortfolioTracker.Operator.Console;

namespace PortfolioTracker.Operator.Tests;

public sealed class HealthCommandTests(MigratedCluster cluster) : IClassFixture<MigratedCluster>
{
    [Fact]
    public async Task Health_runs_as_the_monitoring_login_and_exits_with_zero_without_alerts()
    {
        await using var database = await cluster.FreshDatabaseAsync();
        var state = Directory.CreateTempSubdirectory("pt-operator-health-").FullName;

        var result = await OperatorRun.RunAsync("health", "--json", "--connection", cluster.OwnerConnectionString(database),
            "--state-dir", state, "--redis", cluster.Redis.ConnectionString);

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        using var json = result.Json();
        Assert.Equal("ok", json.RootElement.GetProperty("status").GetString());
        Assert.Equal(200, json.RootElement.GetProperty("connections").GetProperty("max").GetInt32());
        Assert.Contains(json.RootElement.GetProperty("caches").EnumerateArray(), c => c.GetProperty("cache").GetString() == "redis");
        var password = Path.Combine(state, "secrets", MonitorLogin.PasswordFile);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(password));
        // The role's password is the one kept in the secrets folder.
        await using var monitor = Npgsql.NpgsqlDataSource.Create(MonitorLogin.ConnectionString(cluster.OwnerConnectionString(database), File.ReadAllText(password)));
        Assert.Equal("ops_monitor", await monitor.ScalarAsync<string>("select current_user::text"));
    }

    [Fact]
    public async Task Health_exits_with_one_and_prints_each_alert_with_its_measured_value()
    {
        await using var database = await cluster.FreshDatabaseAsync();
        await database.ExecuteAsync("insert into api_usage (service, date, call_count) values ('alpha_vantage', current_date, 25)");
        var state = Directory.CreateTempSubdirectory("pt-operator-health-").FullName;

        var result = await OperatorRun.RunAsync("health", "--connection", cluster.OwnerConnectionString(database), "--state-dir", state);

        Assert.Equal(ExitCodes.ProblemsFound, result.ExitCode);
        // The plain console wraps at 80 columns.
        var text = result.Output.Replace("\n", "", StringComparison.Ordinal);
        Assert.Contains("Health at ", text);
        Assert.Contains(": 1 alert(s)", text);
        Assert.Contains("ALERT provider-quota:alpha_vantage: alpha_vantage used 25 of 25 calls today (100%), at or above 80%", text);
        Assert.Contains("slowest statements", result.Output);
    }
}
