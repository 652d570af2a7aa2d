using PortfolioTracker.Operations.Integrity;

namespace PortfolioTracker.Operator.Tests;

public sealed class IntegrityCheckTests(MigratedCluster cluster) : IClassFixture<MigratedCluster>
{
    [Fact]
    public async Task A_healthy_database_passes_every_rule()
    {
        await using var database = await cluster.FreshDatabaseAsync();
        await database.AddUserWithPositionAsync();
        await database.ExecuteAsync(
            "insert into historical_prices (symbol, date, open, high, low, close, adjusted_close) values ('AAPL', date '2024-01-02', 100, 102, 99, 101, 101)");

        var report = await new IntegrityCheck(database).RunAsync();

        Assert.Empty(report.Problems);
        Assert.Equal(IntegrityCheck.Rules.Count, report.Checks.Count);
    }

    [Fact]
    public async Task A_holding_that_disagrees_with_its_transactions_is_reported_with_both_figures()
    {
        await using var database = await cluster.FreshDatabaseAsync();
        var (userId, portfolioId) = await database.AddUserWithPositionAsync();
        await database.ExecuteAsync("update holdings set quantity = 16 where user_id = $1", userId);

        var report = await new IntegrityCheck(database).RunAsync();

        var problem = Assert.Single(report.Problems);
        Assert.Equal("holdings", problem.Check);
        Assert.Contains(portfolioId.ToString(), problem.Subject);
        Assert.Contains("holding is 16 at average price 105", problem.Detail);
        Assert.Contains("add up to 15 at 105", problem.Detail);
    }

    [Fact]
    public async Task A_missing_holding_and_a_holding_without_trades_are_both_reported()
    {
        await using var database = await cluster.FreshDatabaseAsync();
        var (userId, portfolioId) = await database.AddUserWithPositionAsync();
        await database.ExecuteAsync("delete from holdings where user_id = $1", userId);
        await database.ExecuteAsync(
            "insert into holdings (user_id, portfolio_id, symbol, quantity, average_price) values ($1, $2, 'MSFT', 3, 300)", userId, portfolioId);

        var report = await new IntegrityCheck(database).RunAsync();

        Assert.Equal(2, report.Problems.Count);
        Assert.All(report.Problems, p => Assert.Equal("holdings", p.Check));
        Assert.Contains(report.Problems, p => p.Subject.EndsWith(" AAPL", StringComparison.Ordinal) && p.Detail.StartsWith("no holding", StringComparison.Ordinal));
        Assert.Contains(report.Problems, p => p.Subject.EndsWith(" MSFT", StringComparison.Ordinal) && p.Detail.Contains("no BUY, SELL or SPLIT", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_table_with_row_level_security_disabled_is_reported()
    {
        await using var database = await cluster.FreshDatabaseAsync();
        await database.ExecuteAsync("alter table public.watchlist disable row level security");

        var report = await new IntegrityCheck(database).RunAsync();

        var problem = Assert.Single(report.Problems);
        Assert.Equal(("row-level-security", "watchlist", "row level security is not enabled"), (problem.Check, problem.Subject, problem.Detail));
    }

    [Fact]
    public async Task A_table_whose_row_level_security_is_not_forced_is_reported()
    {
        await using var database = await cluster.FreshDatabaseAsync();
        await database.ExecuteAsync("alter table public.holdings no force row level security");

        var report = await new IntegrityCheck(database).RunAsync();

        var problem = Assert.Single(report.Problems);
        Assert.Equal(("row-level-security", "holdings", "row level security is not forced"), (problem.Check, problem.Subject, problem.Detail));
    }

    [Fact]
    public async Task A_missing_policy_is_reported()
    {
        await using var database = await cluster.FreshDatabaseAsync();
        await database.ExecuteAsync("drop policy transactions_select_own on public.transactions");

        var report = await new IntegrityCheck(database).RunAsync();

        var problem = Assert.Single(report.Problems);
        Assert.Equal("policies", problem.Check);
        Assert.Equal("transactions", problem.Subject);
        Assert.Equal("authenticated is granted SELECT but no policy for authenticated allows it", problem.Detail);
    }

    [Fact]
    public async Task A_policy_that_shows_every_users_rows_is_reported()
    {
        await using var database = await cluster.FreshDatabaseAsync();
        await database.ExecuteAsync("drop policy watchlist_select_own on public.watchlist");
        await database.ExecuteAsync("create policy watchlist_select_own on public.watchlist for select to authenticated using (true)");

        var report = await new IntegrityCheck(database).RunAsync();

        var problem = Assert.Single(report.Problems);
        Assert.Equal(("policies", "watchlist"), (problem.Check, problem.Subject));
        Assert.Contains("watchlist_select_own does not limit authenticated", problem.Detail);
    }

    [Fact]
    public async Task An_authenticator_that_owns_a_table_is_reported()
    {
        await using var database = await cluster.FreshDatabaseAsync();
        await database.ExecuteAsync("alter table public.stocks owner to authenticator");

        var report = await new IntegrityCheck(database).RunAsync();

        Assert.Contains(report.Problems, p => p.Check == "authenticator" && p.Subject == "public.stocks" && p.Detail == "is owned by authenticator");
    }

    [Fact]
    public async Task Rows_that_got_past_dropped_constraints_are_reported()
    {
        await using var database = await cluster.FreshDatabaseAsync();
        var (userId, _) = await database.AddUserWithPositionAsync();
        await database.ExecuteAsync("alter table historical_prices drop constraint historical_prices_ohlc_logical_check");
        await database.ExecuteAsync("alter table user_dividends drop constraint user_dividends_total_calculation_check");
        await database.ExecuteAsync(
            "insert into historical_prices (symbol, date, open, high, low, close, adjusted_close) values ('AAPL', date '2024-01-02', 100, 102, 99, 103, 103)");
        await database.ExecuteAsync(
            "insert into user_dividends (user_id, symbol, ex_date, amount, shares_held_at_ex_date, total_amount) values ($1, 'IBM', date '2024-02-08', 1.66, 10, 16.70)", userId);
        // As a bulk load with triggers off would: the foreign key stays, an orphan gets in.
        await database.ExecuteAsync("alter table rate_limits disable trigger all");
        await database.ExecuteAsync("insert into rate_limits (user_id, action) values ($1, 'api_call')", Guid.NewGuid());
        await database.ExecuteAsync("alter table rate_limits enable trigger all");

        var report = await new IntegrityCheck(database).RunAsync();

        Assert.Contains(report.Problems, p => p.Check == "ohlc" && p.Subject == "historical_prices AAPL 2024-01-02" && p.Detail.StartsWith("open 100, high 102, low 99, close 103", StringComparison.Ordinal));
        Assert.Contains(report.Problems, p => p.Check == "dividend-totals" && p.Detail.StartsWith("total_amount 16.70 differs from amount 1.66 × shares_held_at_ex_date 10 = 16.60", StringComparison.Ordinal));
        Assert.Contains(report.Problems, p => p.Check == "foreign-keys" && p.Subject == "public.rate_limits" && p.Detail == "1 rows break rate_limits_user_id_fkey: their key has no parent row");
    }
}
