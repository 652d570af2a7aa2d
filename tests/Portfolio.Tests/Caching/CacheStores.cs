using Npgsql;
using PortfolioTracker.ServiceDefaults.Data;
using PortfolioTracker.TestSupport;

namespace PortfolioTracker.Portfolio.Tests.Caching;

/// <summary>A real PostgreSQL and a real Redis that the tests stop and start.</summary>
public sealed class CacheStores : IAsyncLifetime
{
    public PostgresServer Postgres { get; private set; } = null!;

    public NpgsqlDataSource Superuser { get; private set; } = null!;

    public RlsDatabase Database { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Postgres = await PostgresServer.StartMigratedAsync();
        Superuser = NpgsqlDataSource.Create(Postgres.SuperuserConnectionString());
        Database = new RlsDatabase(NpgsqlDataSource.Create(Postgres.AuthenticatorConnectionString));
    }

    public async Task<(Guid Id, DbClaims Claims)> CreateUserAsync()
    {
        var id = Guid.NewGuid();
        await using var command = Superuser.CreateCommand("insert into auth.users (id, email, password_hash) values ($1, $1::text || '@example.com', 'x')");
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        await command.ExecuteNonQueryAsync();
        return (id, DbClaims.FromVerifiedToken($$"""{"sub":"{{id}}","role":"authenticated"}"""));
    }

    public async Task<long> ScalarAsync(string sql, Guid user)
    {
        await using var command = Superuser.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter { Value = user });
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    public async Task DisposeAsync()
    {
        await Superuser.DisposeAsync();
        await Postgres.DisposeAsync();
    }
}
