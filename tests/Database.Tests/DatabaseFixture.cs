using System.Text.Json;
using Npgsql;
using PortfolioTracker.TestSupport;

namespace PortfolioTracker.Database.Tests;

/// <summary>
/// One migrated PostgreSQL for the test run. <see cref="AsAsync"/> runs SQL exactly as the
/// services do: connected as <c>authenticator</c>, inside one transaction that first sets
/// the role and the JWT claims transaction-locally.
/// </summary>
public sealed class DatabaseFixture : IAsyncLifetime
{
    public PostgresServer Server { get; private set; } = null!;

    public NpgsqlDataSource Superuser { get; private set; } = null!;

    public NpgsqlDataSource Authenticator { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = await PostgresServer.StartMigratedAsync();
        Superuser = NpgsqlDataSource.Create(Server.SuperuserConnectionString());
        Authenticator = NpgsqlDataSource.Create(Server.AuthenticatorConnectionString);
    }

    public async Task DisposeAsync()
    {
        await Superuser.DisposeAsync();
        await Authenticator.DisposeAsync();
        await Server.DisposeAsync();
    }

    /// <summary>Creates a user in auth.users (as the superuser) and returns its id.</summary>
    public async Task<Guid> CreateUserAsync()
    {
        var id = Guid.NewGuid();
        await using var command = Superuser.CreateCommand(
            "insert into auth.users (id, email, password_hash) values ($1, $2, 'x')");
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        command.Parameters.Add(new NpgsqlParameter { Value = $"{id:N}@example.com" });
        await command.ExecuteNonQueryAsync();
        return id;
    }

    /// <summary>Runs <paramref name="work"/> as <paramref name="role"/> with claims for <paramref name="userId"/>, then commits.</summary>
    public async Task<T> AsAsync<T>(string role, Guid? userId, Func<NpgsqlConnection, NpgsqlTransaction, Task<T>> work)
    {
        await using var connection = await Authenticator.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var claims = JsonSerializer.Serialize(userId is { } id
            ? new Dictionary<string, string> { ["sub"] = id.ToString(), ["role"] = role }
            : new Dictionary<string, string> { ["role"] = role });
        await using (var apply = new NpgsqlCommand(
            "select set_config('role', $1, true), set_config('request.jwt.claims', $2, true)", connection, transaction))
        {
            apply.Parameters.Add(new NpgsqlParameter { Value = role });
            apply.Parameters.Add(new NpgsqlParameter { Value = claims });
            await apply.ExecuteNonQueryAsync();
        }
        var result = await work(connection, transaction);
        await transaction.CommitAsync();
        return result;
    }

    /// <summary>A scalar query as the superuser (outside RLS): what is really stored.</summary>
    public async Task<T> ScalarAsync<T>(string sql, params object[] args)
    {
        await using var command = Superuser.CreateCommand(sql);
        foreach (var arg in args)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = arg });
        }
        return (T)(await command.ExecuteScalarAsync())!;
    }
}

[CollectionDefinition(Name)]
public sealed class DatabaseCollection : ICollectionFixture<DatabaseFixture>
{
    public const string Name = "database";
}
