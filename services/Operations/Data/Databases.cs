using Npgsql;

namespace PortfolioTracker.OperationsService.Data;

/// <summary>
/// <c>authenticator</c> acting as <c>ops_maintainer</c> (migration 050): the job journal and the
/// scheduled maintenance, through the functions that role may call. The role is the connection's
/// startup setting, so it holds for every transaction on it (a pool reset returns to it) and
/// this pool serves nothing else.
/// </summary>
public sealed record MaintainerDatabase(NpgsqlDataSource DataSource)
{
    public const string Role = "ops_maintainer";

    public static MaintainerDatabase For(string authenticatorConnectionString) =>
        new(NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(authenticatorConnectionString)
        {
            Options = $"-c role={Role}",
            ApplicationName = "operations-maintenance",
        }.ConnectionString));
}

/// <summary>The <c>ops_monitor</c> login (pg_monitor): what the health report reads through.</summary>
public sealed record MonitorDatabase(NpgsqlDataSource DataSource);

/// <summary>
/// The <c>backup_reader</c> login (030: BYPASSRLS, read-only): the nightly backup, and the
/// monthly integrity check, which must read every row and write none.
/// </summary>
public sealed record BackupReaderDatabase(NpgsqlDataSource DataSource, string ConnectionString)
{
    public const string Role = "backup_reader";

    public static BackupReaderDatabase For(string authenticatorConnectionString, string password)
    {
        var connectionString = new NpgsqlConnectionStringBuilder(authenticatorConnectionString)
        {
            Username = Role,
            Password = password,
            ApplicationName = "operations-backup",
            MaxPoolSize = 2,
        }.ConnectionString;
        return new(NpgsqlDataSource.Create(connectionString), connectionString);
    }
}
