using Npgsql;

namespace PortfolioTracker.Operations.Connection;

/// <summary>
/// Where the suite's PostgreSQL and Redis answer and where its state folder is: everything an
/// operation needs to reach a running suite. Resolved once per command by
/// <see cref="SuiteConnectionResolver"/>.
/// </summary>
/// <param name="AdminConnectionString">An administrator of the suite's database (migrations, restores, role set-up).</param>
/// <param name="StateDirectory">The suite's <c>.local/</c> folder: secrets, keys, backup key.</param>
/// <param name="RedisConnectionString">StackExchange.Redis configuration, when one is known.</param>
public sealed record SuiteConnection(string AdminConnectionString, string StateDirectory, string? RedisConnectionString)
{
    public string DatabaseName => new NpgsqlConnectionStringBuilder(AdminConnectionString).Database
        ?? SuiteConnectionResolver.DefaultDatabase;

    public string SecretsDirectory => Path.Combine(StateDirectory, "secrets");

    /// <summary>The gateway's token signing key (the AppHost passes the same path to the gateway).</summary>
    public string SigningKeyPath => SigningKeyPathIn(StateDirectory);

    public static string SigningKeyPathIn(string stateDirectory) => Path.Combine(stateDirectory, "keys", "jwt-signing-key.pem");

    /// <summary>The same server and administrator, another database (scratch databases, restores).</summary>
    public string AdminConnectionStringFor(string database) =>
        new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = database }.ConnectionString;

    /// <summary>The same server and database as another login role.</summary>
    public string ConnectionStringAs(string username, string password, string? database = null) =>
        new NpgsqlConnectionStringBuilder(AdminConnectionString)
        {
            Username = username,
            Password = password,
            Database = database ?? DatabaseName,
        }.ConnectionString;
}
