using Npgsql;
using PortfolioTracker.Operations.Connection;

namespace PortfolioTracker.Operations.Backups;

/// <summary>
/// The login of <c>backup_reader</c> (migration 030): a random password kept beside the run
/// command's other secrets (<c>.local/secrets/backup-reader.password</c>, 0600, created on first
/// use) and set on the role by the administrator before each backup, so the role works without
/// any manual step and its password lives in one place.
/// </summary>
public static class BackupReaderLogin
{
    public const string Role = "backup_reader";
    public const string PasswordFile = "backup-reader.password";

    /// <summary>Sets the role's password and returns a connection string that logs in as it.</summary>
    public static async Task<string> PrepareAsync(SuiteConnection connection, string database, CancellationToken cancellationToken)
    {
        var password = SecretFile.ReadOrCreatePassword(connection.SecretsDirectory, PasswordFile);
        await using var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connection.AdminConnectionStringFor(database)) { Pooling = false }.ConnectionString);
        await admin.OpenAsync(cancellationToken);
        await using var transaction = await admin.BeginTransactionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(admin, transaction)
        {
            BatchCommands =
            {
                // The password travels as a parameter and is quoted by the server; transaction-local.
                new NpgsqlBatchCommand("select set_config('operator.backup_password', $1, true)") { Parameters = { new NpgsqlParameter { Value = password } } },
                new NpgsqlBatchCommand($"""
                    do $$
                    begin
                      if not exists (select from pg_catalog.pg_roles where rolname = '{Role}') then
                        raise exception 'the role {Role} does not exist: run the migrations (operator migrate up)';
                      end if;
                      execute format('alter role {Role} with password %L', current_setting('operator.backup_password'));
                    end
                    $$
                    """),
            },
        };
        await batch.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new NpgsqlConnectionStringBuilder(connection.ConnectionStringAs(Role, password, database)) { Pooling = false }.ConnectionString;
    }
}
