using Npgsql;
using PortfolioTracker.TestSupport;

namespace PortfolioTracker.Operator.Tests;

/// <summary>
/// One throwaway migrated PostgreSQL for a test class; each test takes its own copy of the
/// migrated database (<see cref="FreshDatabaseAsync"/>, a template copy in milliseconds), so a
/// test that breaks an invariant on purpose cannot disturb another. A throwaway Redis beside it.
/// </summary>
public sealed class MigratedCluster : IAsyncLifetime
{
    public PostgresServer Postgres { get; private set; } = null!;

    public RedisServer Redis { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Postgres = await PostgresServer.StartMigratedAsync();
        Redis = await RedisServer.StartAsync();
    }

    /// <summary>The owner's connection string of a database made by <see cref="FreshDatabaseAsync"/>.</summary>
    public string OwnerConnectionString(NpgsqlDataSource database) =>
        new NpgsqlConnectionStringBuilder(database.ConnectionString) { Password = Postgres.SuperuserPassword }.ConnectionString;

    /// <summary>A new database copied from the migrated one, reached as the migrating superuser (its owner).</summary>
    public async Task<NpgsqlDataSource> FreshDatabaseAsync()
    {
        var name = "t" + Guid.NewGuid().ToString("N");
        // A template may have no other connection while it is copied.
        NpgsqlConnection.ClearAllPools();
        await using (var admin = new NpgsqlConnection(Postgres.SuperuserConnectionString("postgres")))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"create database {name} template {PostgresServer.Database}", admin);
            await create.ExecuteNonQueryAsync();
        }
        return NpgsqlDataSource.Create(Postgres.SuperuserConnectionString(name));
    }

    public async Task DisposeAsync()
    {
        if (Redis is not null)
        {
            await Redis.DisposeAsync();
        }
        if (Postgres is not null)
        {
            await Postgres.DisposeAsync();
        }
    }
}
