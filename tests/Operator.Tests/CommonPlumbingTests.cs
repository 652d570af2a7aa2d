using PortfolioTracker.Operations.Connection;
using PortfolioTracker.Operator.Console;

namespace PortfolioTracker.Operator.Tests;

public sealed class CommonPlumbingTests
{
    [Fact]
    public async Task A_usage_error_exits_with_two_and_says_what_is_wrong()
    {
        var result = await OperatorRun.RunAsync("migrate", "down");

        Assert.Equal(ExitCodes.UsageOrConnection, result.ExitCode);
        Assert.Contains("--to", result.Error);
    }

    [Fact]
    public async Task Missing_settings_exit_with_two_and_a_json_error_under_json()
    {
        var empty = Directory.CreateTempSubdirectory("pt-operator-empty-").FullName;

        var result = await OperatorRun.RunAsync("migrate", "status", "--json", "--state-dir", empty);

        Assert.Equal(ExitCodes.UsageOrConnection, result.ExitCode);
        Assert.Contains("postgres-superuser.password", result.Json().RootElement.GetProperty("error").GetString());
    }

    [Fact]
    public async Task An_unreachable_database_exits_with_two_without_a_stack_trace()
    {
        var result = await OperatorRun.RunAsync("migrate", "status", "--connection", $"Host=127.0.0.1;Port={TestSupport.FreePort.Next()};Database=portfolio;Username=postgres;Password=x;Timeout=2");

        Assert.Equal(ExitCodes.UsageOrConnection, result.ExitCode);
        Assert.Contains("cannot reach PostgreSQL", result.Error);
        Assert.DoesNotContain("   at ", result.Error);
    }

    [Fact]
    public void Settings_are_read_from_the_state_folder_the_run_command_writes()
    {
        var state = Directory.CreateTempSubdirectory("pt-operator-local-").FullName;
        Directory.CreateDirectory(Path.Combine(state, ".local", "secrets"));
        File.WriteAllText(Path.Combine(state, ".local", "secrets", "postgres-superuser.password"), "pg-secret\n");
        File.WriteAllText(Path.Combine(state, ".local", "secrets", "redis.password"), "redis-secret");
        var nested = Directory.CreateDirectory(Path.Combine(state, "tools", "Operator")).FullName;

        var connection = SuiteConnectionResolver.Resolve(new ConnectionOverrides(), _ => null, nested);

        Assert.Equal(Path.Combine(state, ".local"), connection.StateDirectory);
        var admin = new Npgsql.NpgsqlConnectionStringBuilder(connection.AdminConnectionString);
        Assert.Equal(("127.0.0.1", 55432, "portfolio", "postgres", "pg-secret"), (admin.Host, admin.Port, admin.Database, admin.Username, admin.Password));
        Assert.Equal("127.0.0.1:56379,password=redis-secret", connection.RedisConnectionString);
    }

    [Fact]
    public void Flags_win_over_the_environment_which_wins_over_the_state_folder()
    {
        var environment = new Dictionary<string, string?>
        {
            ["ConnectionStrings__postgres-admin"] = "Host=db.example;Database=from_env;Username=admin",
            ["DataStores__PostgresPort"] = "6000",
        };

        var fromEnvironment = SuiteConnectionResolver.Resolve(new ConnectionOverrides(StateDirectory: "/tmp/nowhere"), environment.GetValueOrDefault);
        var fromFlag = SuiteConnectionResolver.Resolve(
            new ConnectionOverrides("Host=flag.example;Database=from_flag;Username=admin", "/tmp/nowhere"), environment.GetValueOrDefault);

        Assert.Equal("from_env", fromEnvironment.DatabaseName);
        Assert.Equal("from_flag", fromFlag.DatabaseName);
    }
}
