using Npgsql;
using PortfolioTracker.TestSupport;

namespace PortfolioTracker.Operator.Tests;

/// <summary>
/// One migrated PostgreSQL for the operator tests, and a state folder laid out as
/// <c>./run.sh</c> writes <c>.local/</c> (secrets and keys), so commands run against it
/// the way an operator runs them against the suite.
/// </summary>
public sealed class SuiteFixture : IAsyncLifetime
{
    public PostgresServer Server { get; private set; } = null!;

    public string StateDirectory { get; } = Directory.CreateTempSubdirectory("pt-operator-state-").FullName;

    public NpgsqlDataSource Superuser { get; private set; } = null!;

    public string AdminConnectionString(string database = PostgresServer.Database) => Server.SuperuserConnectionString(database);

    /// <summary>The global flags that point a command at this suite.</summary>
    public string[] Flags(string database = PostgresServer.Database) =>
        ["--connection", AdminConnectionString(database), "--state-dir", StateDirectory];

    public async Task InitializeAsync()
    {
        Server = await PostgresServer.StartMigratedAsync();
        Superuser = NpgsqlDataSource.Create(Server.SuperuserConnectionString());
        var secrets = Directory.CreateDirectory(Path.Combine(StateDirectory, "secrets"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        await File.WriteAllTextAsync(Path.Combine(secrets.FullName, "postgres-superuser.password"), Server.SuperuserPassword);
        await File.WriteAllTextAsync(Path.Combine(secrets.FullName, "authenticator.password"), Server.AuthenticatorPassword);
    }

    public async Task DisposeAsync()
    {
        await Superuser.DisposeAsync();
        await Server.DisposeAsync();
        Directory.Delete(StateDirectory, recursive: true);
    }

    /// <summary>A new database of this server with every migration applied (for tests that replace or drop one).</summary>
    public async Task<string> CreateMigratedDatabaseAsync(string prefix)
    {
        var database = $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(40, prefix.Length + 33)];
        await new PortfolioTracker.Db.MigrationRunner(AdminConnectionString(database)).UpAsync();
        return database;
    }

    public async Task<bool> DatabaseExistsAsync(string database) =>
        await ScalarAsync<bool>($"select exists (select from pg_database where datname = '{database}')");

    public async Task<IReadOnlyList<string>> DatabasesLikeAsync(string pattern)
    {
        await using var command = Superuser.CreateCommand("select datname from pg_database where datname like $1 order by 1");
        command.Parameters.Add(new NpgsqlParameter { Value = pattern });
        var names = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            names.Add(reader.GetString(0));
        }
        return names;
    }

    public async Task<T> ScalarAsync<T>(string sql, string database = PostgresServer.Database)
    {
        await using var connection = new NpgsqlConnection(AdminConnectionString(database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    public async Task ExecuteAsync(string sql, string database = PostgresServer.Database)
    {
        await using var connection = new NpgsqlConnection(AdminConnectionString(database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class SuiteCollection : ICollectionFixture<SuiteFixture>
{
    public const string Name = "suite";
}
