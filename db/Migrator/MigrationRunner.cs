using Npgsql;

namespace PortfolioTracker.Db;

/// <summary>
/// Applies and rolls back the numbered SQL migrations, one transaction per migration together
/// with its journal row in <c>public.schema_migrations</c>, under an advisory lock so that
/// concurrent runs against one database take turns.
/// </summary>
public sealed class MigrationRunner
{
    // Any constant shared by every run of this migrator; advisory locks are per database.
    private const long AdvisoryLockKey = 0x5054_4D49_4752; // "PTMIGR"
    private const string InvalidCatalogName = "3D000";

    private const string CreateJournalSql = """
        create table if not exists public.schema_migrations (
          version    integer     primary key,
          name       text        not null,
          checksum   text        not null,
          applied_at timestamptz not null default now()
        );
        revoke all on table public.schema_migrations from public;
        """;

    private readonly string _connectionString;
    private readonly string _migrationsDirectory;
    private readonly TextWriter _log;

    /// <param name="connectionString">An administrator's connection string; its database is migrated.</param>
    /// <param name="migrationsDirectory">Defaults to the <c>migrations</c> folder beside the binary.</param>
    /// <param name="log">Where progress lines go; nothing is written when null.</param>
    public MigrationRunner(string connectionString, string? migrationsDirectory = null, TextWriter? log = null)
    {
        // No pooling: the advisory lock lives exactly as long as the physical connection.
        _connectionString = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString;
        _migrationsDirectory = migrationsDirectory ?? MigrationFile.DefaultDirectory;
        _log = log ?? TextWriter.Null;
    }

    /// <summary>Creates the database if needed and applies every pending migration in version order.</summary>
    /// <returns>The number of migrations applied; 0 when the database was up to date.</returns>
    public async Task<int> UpAsync(CancellationToken cancellationToken = default)
    {
        var migrations = MigrationFile.Discover(_migrationsDirectory);
        if (await DatabaseBootstrap.EnsureDatabaseExistsAsync(_connectionString, cancellationToken))
        {
            _log.WriteLine($"created database {new NpgsqlConnectionStringBuilder(_connectionString).Database}");
        }

        await using var connection = await OpenLockedAsync(cancellationToken);
        var journal = await ReadJournalAsync(connection, cancellationToken);
        EnsureConsistent(migrations, journal);

        var pending = migrations.Where(m => !journal.ContainsKey(m.Version)).ToList();
        var latestApplied = journal.Count == 0 ? 0 : journal.Keys.Max();
        var outOfOrder = pending.FirstOrDefault(m => m.Version < latestApplied);
        if (outOfOrder is not null)
        {
            throw new MigrationException(
                $"migration {outOfOrder.DisplayName} is pending but {latestApplied:D3} is already applied; renumber it after {latestApplied:D3}");
        }

        foreach (var migration in pending)
        {
            await RunInTransactionAsync(
                connection,
                migration.UpSql,
                "insert into public.schema_migrations (version, name, checksum) values ($1, $2, $3)",
                [migration.Version, migration.Name, migration.Checksum],
                $"migration {migration.DisplayName}",
                cancellationToken);
            _log.WriteLine($"applied {migration.DisplayName}");
        }

        if (pending.Count == 0)
        {
            _log.WriteLine("database is up to date");
        }

        return pending.Count;
    }

    /// <summary>Rolls back every applied migration above <paramref name="toVersion"/>, newest first; 0 rolls back all.</summary>
    /// <returns>The number of migrations rolled back.</returns>
    public async Task<int> DownAsync(int toVersion, CancellationToken cancellationToken = default)
    {
        if (toVersion < 0)
        {
            throw new MigrationException("the version to roll back to must be 0 or more");
        }

        var migrations = MigrationFile.Discover(_migrationsDirectory);
        await using var connection = await OpenLockedAsync(cancellationToken);
        var journal = await ReadJournalAsync(connection, cancellationToken);
        EnsureConsistent(migrations, journal);

        var toRollBack = migrations
            .Where(m => m.Version > toVersion && journal.ContainsKey(m.Version))
            .OrderByDescending(m => m.Version)
            .ToList();

        foreach (var migration in toRollBack)
        {
            await RunInTransactionAsync(
                connection,
                migration.RollbackSql,
                "delete from public.schema_migrations where version = $1",
                [migration.Version],
                $"rollback of {migration.DisplayName}",
                cancellationToken);
            _log.WriteLine($"rolled back {migration.DisplayName}");
        }

        if (toRollBack.Count == 0)
        {
            _log.WriteLine($"nothing to roll back above version {toVersion:D3}");
        }

        return toRollBack.Count;
    }

    /// <summary>Every known migration with its state, in version order. Changes nothing.</summary>
    public async Task<IReadOnlyList<MigrationStatus>> StatusAsync(CancellationToken cancellationToken = default)
    {
        var migrations = MigrationFile.Discover(_migrationsDirectory);
        Dictionary<int, JournalEntry> journal;
        try
        {
            await using var connection = new NpgsqlConnection(_connectionString);
            await connection.OpenAsync(cancellationToken);
            await using var exists = new NpgsqlCommand("select to_regclass('public.schema_migrations') is not null", connection);
            var hasJournal = (bool)(await exists.ExecuteScalarAsync(cancellationToken))!;
            journal = hasJournal ? await ReadJournalAsync(connection, cancellationToken) : [];
        }
        catch (PostgresException e) when (e.SqlState == InvalidCatalogName)
        {
            journal = []; // the database does not exist yet: everything is pending
        }

        var known = migrations.Select(m => journal.TryGetValue(m.Version, out var entry)
            ? new MigrationStatus(m.Version, m.Name, entry.Checksum == m.Checksum ? MigrationState.Applied : MigrationState.Changed, entry.AppliedAt)
            : new MigrationStatus(m.Version, m.Name, MigrationState.Pending, null));
        var unknown = journal.Values
            .Where(entry => migrations.All(m => m.Version != entry.Version))
            .Select(entry => new MigrationStatus(entry.Version, entry.Name, MigrationState.Unknown, entry.AppliedAt));

        return known.Concat(unknown).OrderBy(s => s.Version).ToList();
    }

    /// <summary>
    /// The login roles whose passwords come from configuration, by the environment variable
    /// that carries each: the services' <c>authenticator</c>, and the operations service's
    /// monitoring (<c>ops_monitor</c>, 033) and backup (<c>backup_reader</c>, 030) logins, so
    /// no service needs the owner to set its own.
    /// </summary>
    public static IReadOnlyList<(string Variable, string Role)> LoginPasswordVariables { get; } =
    [
        ("AUTHENTICATOR_PASSWORD", "authenticator"),
        ("OPS_MONITOR_PASSWORD", "ops_monitor"),
        ("BACKUP_READER_PASSWORD", "backup_reader"),
    ];

    /// <summary>Sets the password of the <c>authenticator</c> login role.</summary>
    public Task SetAuthenticatorPasswordAsync(string password, CancellationToken cancellationToken = default) =>
        SetLoginPasswordAsync("authenticator", password, cancellationToken);

    /// <summary>
    /// Sets the password of one of the <see cref="LoginPasswordVariables"/> roles. The password
    /// travels as a bind parameter and is quoted by the server (<c>format('%L')</c>); it is never logged here.
    /// </summary>
    public async Task SetLoginPasswordAsync(string role, string password, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(password);
        if (LoginPasswordVariables.All(l => l.Role != role))
        {
            throw new MigrationException($"{role} is not a login whose password the migrator sets");
        }

        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands =
            {
                // Transaction-local, so the value is gone at commit.
                new NpgsqlBatchCommand("select set_config('migrator.login_password', $1, true)")
                {
                    Parameters = { new NpgsqlParameter { Value = password } },
                },
                new NpgsqlBatchCommand($"""
                    do $$
                    begin
                      execute format('alter role %I with login password %L', '{role}',
                                     current_setting('migrator.login_password'));
                    end
                    $$
                    """),
            },
        };
        try
        {
            await batch.ExecuteNonQueryAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (PostgresException e)
        {
            throw new MigrationException($"setting the {role} password failed: {Describe(e)}", e);
        }

        _log.WriteLine($"set the {role} password");
    }

    private async Task<NpgsqlConnection> OpenLockedAsync(CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);

            // Session-level: held across the per-migration transactions, released when the
            // (unpooled) connection closes, even if this process dies.
            await using (var acquire = new NpgsqlCommand("select pg_advisory_lock($1)", connection) { CommandTimeout = 0 })
            {
                acquire.Parameters.Add(new NpgsqlParameter { Value = AdvisoryLockKey });
                await acquire.ExecuteNonQueryAsync(cancellationToken);
            }

            await using (var journal = new NpgsqlCommand(CreateJournalSql, connection))
            {
                await journal.ExecuteNonQueryAsync(cancellationToken);
            }

            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private static async Task<Dictionary<int, JournalEntry>> ReadJournalAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "select version, name, checksum, applied_at from public.schema_migrations order by version", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var journal = new Dictionary<int, JournalEntry>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var entry = new JournalEntry(
                reader.GetInt32(0),
                reader.GetString(1),
                reader.GetString(2),
                reader.GetFieldValue<DateTimeOffset>(3));
            journal.Add(entry.Version, entry);
        }

        return journal;
    }

    /// <summary>Refuses to go on when an applied migration was edited or is missing from the folder.</summary>
    private static void EnsureConsistent(IReadOnlyList<MigrationFile> migrations, Dictionary<int, JournalEntry> journal)
    {
        foreach (var entry in journal.Values.OrderBy(e => e.Version))
        {
            var file = migrations.FirstOrDefault(m => m.Version == entry.Version);
            if (file is null)
            {
                throw new MigrationException(
                    $"applied migration {entry.Version:D3}_{entry.Name} is not in the migrations folder (is the database newer than this migrator?)");
            }

            if (file.Checksum != entry.Checksum)
            {
                throw new MigrationException(
                    $"migration {file.DisplayName} changed after it was applied (checksum differs); add a new migration instead of editing it");
            }
        }
    }

    /// <summary>Runs a script and its journal change in one transaction: both happen or neither.</summary>
    private static async Task RunInTransactionAsync(
        NpgsqlConnection connection,
        string script,
        string journalSql,
        object[] journalParameters,
        string description,
        CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        try
        {
            // Migrations may legitimately run long (index builds on large tables).
            await using (var command = new NpgsqlCommand(script, connection, transaction) { CommandTimeout = 0 })
            {
                await command.ExecuteNonQueryAsync(cancellationToken);
            }

            await using (var journal = new NpgsqlCommand(journalSql, connection, transaction))
            {
                foreach (var value in journalParameters)
                {
                    journal.Parameters.Add(new NpgsqlParameter { Value = value });
                }

                await journal.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }
        catch (PostgresException e)
        {
            // Disposing the transaction rolls it back: the database is as before this migration.
            throw new MigrationException($"{description} failed: {Describe(e)}", e);
        }
    }

    private static string Describe(PostgresException e) =>
        e.Detail is { Length: > 0 } detail
            ? $"{e.SqlState}: {e.MessageText} ({detail})"
            : $"{e.SqlState}: {e.MessageText}";

    private sealed record JournalEntry(int Version, string Name, string Checksum, DateTimeOffset AppliedAt);
}
