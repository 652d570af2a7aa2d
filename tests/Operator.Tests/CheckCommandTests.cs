using PortfolioTracker.Operator.Console;

namespace PortfolioTracker.Operator.Tests;

public sealed class CheckCommandTests(MigratedCluster cluster) : IClassFixture<MigratedCluster>
{
    [Fact]
    public async Task Check_exits_with_zero_on_a_healthy_database()
    {
        await using var database = await cluster.FreshDatabaseAsync();
        await database.AddUserWithPositionAsync();

        var result = await OperatorRun.RunAsync("check", "--connection", database.ConnectionString + ";Password=" + cluster.Postgres.SuperuserPassword);

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Contains("No problems found.", result.Output);
    }

    [Fact]
    public async Task Check_exits_with_one_and_lists_each_broken_invariant()
    {
        await using var database = await cluster.FreshDatabaseAsync();
        var (userId, _) = await database.AddUserWithPositionAsync();
        await database.ExecuteAsync("update holdings set average_price = 104 where user_id = $1", userId);
        await database.ExecuteAsync("alter table public.price_alerts disable row level security");
        await database.ExecuteAsync("drop policy holdings_delete_own on public.holdings");

        var result = await OperatorRun.RunAsync("check", "--json", "--connection", database.ConnectionString + ";Password=" + cluster.Postgres.SuperuserPassword);

        Assert.Equal(ExitCodes.ProblemsFound, result.ExitCode);
        using var json = result.Json();
        Assert.False(json.RootElement.GetProperty("healthy").GetBoolean());
        var problems = json.RootElement.GetProperty("problems").EnumerateArray()
            .Select(p => (p.GetProperty("check").GetString(), p.GetProperty("subject").GetString())).ToList();
        Assert.Equal(3, problems.Count);
        Assert.Contains(("row-level-security", "price_alerts"), problems);
        Assert.Contains(("policies", "holdings"), problems);
        Assert.Contains(problems, p => p.Item1 == "holdings");
    }
}
