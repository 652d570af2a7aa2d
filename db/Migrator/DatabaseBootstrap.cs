using Npgsql;

namespace PortfolioTracker.Db;

/// <summary>Creates the target database when it does not exist yet.</summary>
public static class DatabaseBootstrap
{
    private const string DuplicateDatabase = "42P04";
    private const string UniqueViolation = "23505"; // what a concurrent CREATE DATABASE reports

    /// <returns>True when the database was created.</returns>
    public static async Task<bool> EnsureDatabaseExistsAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        var target = new NpgsqlConnectionStringBuilder(connectionString);
        // Postgres' own default: a connection without a database name goes to the user's.
        var databaseName = target.Database ?? target.Username
            ?? throw new MigrationException("the connection string names neither a database nor a user");

        var maintenance = new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(maintenance.ConnectionString);
        await connection.OpenAsync(cancellationToken);

        await using (var exists = new NpgsqlCommand("select exists (select from pg_database where datname = $1)", connection))
        {
            exists.Parameters.Add(new NpgsqlParameter { Value = databaseName });
            if ((bool)(await exists.ExecuteScalarAsync(cancellationToken))!)
            {
                return false;
            }
        }

        // CREATE DATABASE takes no parameters and cannot run in a transaction.
        await using var create = new NpgsqlCommand($"create database {QuoteIdentifier(databaseName)}", connection);
        try
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
            return true;
        }
        catch (PostgresException e) when (e.SqlState is DuplicateDatabase or UniqueViolation)
        {
            return false; // created meanwhile by a concurrent run
        }
    }

    internal static string QuoteIdentifier(string identifier) =>
        "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
