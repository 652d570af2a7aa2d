using Npgsql;

namespace PortfolioTracker.Operator.Tests;

/// <summary>Arranging and inspecting rows as the database owner; arguments are positional (<c>$1</c> …).</summary>
public static class Sql
{
    public static async Task ExecuteAsync(this NpgsqlDataSource database, string sql, params object[] args)
    {
        await using var command = database.CreateCommand(sql);
        foreach (var arg in args)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = arg });
        }
        await command.ExecuteNonQueryAsync();
    }

    public static async Task<T> ScalarAsync<T>(this NpgsqlDataSource database, string sql, params object[] args)
    {
        await using var command = database.CreateCommand(sql);
        foreach (var arg in args)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = arg });
        }
        return (T)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>A user with one portfolio: AAPL bought 10 at 100 and 10 at 110, 5 sold; its holding stored as the service would (15 at 105).</summary>
    public static async Task<(Guid UserId, Guid PortfolioId)> AddUserWithPositionAsync(this NpgsqlDataSource database)
    {
        var userId = Guid.NewGuid();
        await database.ExecuteAsync("insert into auth.users (id, email, password_hash) values ($1, $2, 'not-a-real-hash')", userId, $"{userId:N}@example.test");
        var portfolioId = await database.ScalarAsync<Guid>("insert into portfolios (user_id, name) values ($1, 'Main') returning id", userId);
        await database.ExecuteAsync(
            """
            insert into transactions (user_id, portfolio_id, transaction_type, symbol, quantity, price, date, currency) values
              ($1, $2, 'DEPOSIT', 'USD', 1, 5000, date '2024-01-01', 'USD'),
              ($1, $2, 'BUY', 'AAPL', 10, 100, date '2024-01-02', 'USD'),
              ($1, $2, 'BUY', 'AAPL', 10, 110, date '2024-01-03', 'USD'),
              ($1, $2, 'SELL', 'AAPL', 5, 120, date '2024-01-04', 'USD')
            """, userId, portfolioId);
        await database.ExecuteAsync(
            "insert into holdings (user_id, portfolio_id, symbol, quantity, average_price) values ($1, $2, 'AAPL', 15, 105)", userId, portfolioId);
        return (userId, portfolioId);
    }
}
