using Npgsql;
using PortfolioTracker.Operations.Connection;

namespace PortfolioTracker.Operations.Health;

/// <summary>
/// The <c>ops_monitor</c> login (migration 033) the health report runs as: its password lives in
/// the suite's secrets folder (<c>ops-monitor.password</c>, mode 0600, made on first use) and is
/// set on the role by an administrator, the way the run command handles the authenticator's.
/// </summary>
public static class MonitorLogin
{
    public const string RoleName = "ops_monitor";
    public const string PasswordFile = "ops-monitor.password";

    /// <summary>The password from <paramref name="secretsDirectory"/>, created there when missing.</summary>
    public static string ReadOrCreatePassword(string secretsDirectory) => SecretFile.ReadOrCreatePassword(secretsDirectory, PasswordFile);

    /// <summary>
    /// Sets the role's password as the administrator. The password travels as a bind parameter
    /// and is quoted by the server; it is never logged here.
    /// </summary>
    public static async Task SetPasswordAsync(string adminConnectionString, string password, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(password);
        await using var connection = new NpgsqlConnection(adminConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands =
            {
                // Transaction-local, so the value is gone at commit.
                new NpgsqlBatchCommand("select set_config('operations.monitor_password', $1, true)")
                {
                    Parameters = { new NpgsqlParameter { Value = password } },
                },
                new NpgsqlBatchCommand($"""
                    do $$
                    begin
                      execute format('alter role {RoleName} with login password %L', current_setting('operations.monitor_password'));
                    end
                    $$
                    """),
            },
        };
        await batch.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The same server and database as <paramref name="adminConnectionString"/>, as <c>ops_monitor</c>.</summary>
    public static string ConnectionString(string adminConnectionString, string password) =>
        new NpgsqlConnectionStringBuilder(adminConnectionString)
        {
            Username = RoleName,
            Password = password,
            ApplicationName = "operations-health",
            // The role allows 5 connections (migration 033); the report needs one.
            MaxPoolSize = 2,
        }.ConnectionString;
}
