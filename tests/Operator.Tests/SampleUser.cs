using Npgsql;
using PortfolioTracker.TestSupport;

namespace PortfolioTracker.Operator.Tests;

/// <summary>
/// A user with one row in every user-owned table (<see cref="SampleRows"/>), inserted as the
/// administrator.
/// </summary>
public static class SampleUser
{
    public static async Task<Guid> CreateAsync(string adminConnectionString, string? email = null)
    {
        var id = Guid.NewGuid();
        await using var connection = new NpgsqlConnection(adminConnectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var user = new NpgsqlCommand("insert into auth.users (id, email, password_hash) values ($1, $2, 'x')", connection, transaction))
        {
            user.Parameters.Add(new NpgsqlParameter { Value = id });
            user.Parameters.Add(new NpgsqlParameter { Value = email ?? $"{id:N}@example.com" });
            await user.ExecuteNonQueryAsync();
        }
        foreach (var sql in SampleRows.InsertOwnedBy.Values)
        {
            await using var insert = new NpgsqlCommand(sql, connection, transaction);
            insert.Parameters.Add(new NpgsqlParameter { Value = id });
            await insert.ExecuteNonQueryAsync();
        }
        await transaction.CommitAsync();
        return id;
    }
}
