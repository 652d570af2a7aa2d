using System.Diagnostics;
using Npgsql;
using PortfolioTracker.Db;
using PortfolioTracker.Db.LocalPostgres;

namespace PortfolioTracker.TestSupport;

/// <summary>
/// A real, throwaway PostgreSQL 15 for a test run: a fresh cluster in a temporary folder on
/// a free loopback port, with TLS on as the AppHost runs it, migrated, and removed on dispose. No mocks, no in-memory stand-ins.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    public const string Database = "portfolio";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly string _directory;
    private readonly Process _process;
    private readonly List<string> _log = [];

    private PostgresServer(string directory, Process process, int port, string superuserPassword, string authenticatorPassword)
    {
        _directory = directory;
        _process = process;
        Port = port;
        SuperuserPassword = superuserPassword;
        AuthenticatorPassword = authenticatorPassword;
    }

    public int Port { get; }

    public string SuperuserPassword { get; }

    public string AuthenticatorPassword { get; }

    /// <summary>The <c>ops_monitor</c> login's password (set by <see cref="StartMigratedAsync"/>).</summary>
    public string MonitorPassword { get; } = Guid.NewGuid().ToString("N");

    /// <summary>The <c>backup_reader</c> login's password (set by <see cref="StartMigratedAsync"/>).</summary>
    public string BackupReaderPassword { get; } = Guid.NewGuid().ToString("N");

    /// <summary>The migrating superuser (what tests use to arrange and inspect).</summary>
    public string SuperuserConnectionString(string database = Database) =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Password={SuperuserPassword};Database={database}";

    /// <summary>
    /// What the services use: the login role that can only switch to API roles, over TLS with the
    /// server's certificate verified, as the AppHost connects them.
    /// </summary>
    public string AuthenticatorConnectionString =>
        $"Host=127.0.0.1;Port={Port};Username=authenticator;Password={AuthenticatorPassword};Database={Database};{PostgresTls.VerifiedTls(RootCertificatePath)}";

    /// <summary>The server's self-signed certificate, which clients verify it against.</summary>
    public string RootCertificatePath => Path.Combine(_directory, "root.crt");

    /// <summary>Starts a cluster and applies every migration.</summary>
    /// <param name="durable">Keep fsync on (benchmarks); tests turn it off for speed.</param>
    public static async Task<PostgresServer> StartMigratedAsync(bool durable = false)
    {
        var server = await StartAsync(durable);
        var runner = server.Migrator();
        await runner.UpAsync();
        await runner.SetAuthenticatorPasswordAsync(server.AuthenticatorPassword);
        // The operations service's logins, whose passwords the migrator sets as well.
        await runner.SetLoginPasswordAsync("ops_monitor", server.MonitorPassword);
        await runner.SetLoginPasswordAsync("backup_reader", server.BackupReaderPassword);
        return server;
    }

    public static async Task<PostgresServer> StartAsync(bool durable = false)
    {
        var binDirectory = Environment.GetEnvironmentVariable("PG_BIN") ?? PostgresCluster.DefaultBinDirectory;
        var directory = Directory.CreateTempSubdirectory("pt-pg-").FullName;
        File.SetUnixFileMode(directory, (UnixFileMode)0b111_101_101); // the postgres user must reach data/
        var dataDirectory = Path.Combine(directory, "data");
        var superuserPassword = Guid.NewGuid().ToString("N");
        PostgresCluster.EnsureInitialized(binDirectory, dataDirectory, superuserPassword);
        PostgresTls.EnsureServerCertificate(dataDirectory, Path.Combine(directory, "root.crt"));

        var port = FreePort.Next();
        var process = Process.Start(OsUser.StartInfo(Path.Combine(binDirectory, "postgres"),
            [.. PostgresCluster.ServerArguments(dataDirectory, port), .. (durable ? [] : (string[])["-c", "fsync=off", "-c", "synchronous_commit=off"])]))!;
        var server = new PostgresServer(directory, process, port, superuserPassword, Guid.NewGuid().ToString("N"));
        process.OutputDataReceived += (_, line) => server.Record(line.Data);
        process.ErrorDataReceived += (_, line) => server.Record(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await server.WaitUntilReadyAsync();
        return server;
    }

    /// <summary>What the server wrote to its log (stderr) so far.</summary>
    public IReadOnlyList<string> LogLines
    {
        get
        {
            lock (_log)
            {
                return [.. _log];
            }
        }
    }

    private void Record(string? line)
    {
        if (line is not null)
        {
            lock (_log)
            {
                _log.Add(line);
            }
        }
    }

    public MigrationRunner Migrator() => new(SuperuserConnectionString(), migrationsDirectory: null, log: null);

    public NpgsqlDataSource CreateDataSource(string connectionString) => NpgsqlDataSource.Create(connectionString);

    private async Task WaitUntilReadyAsync()
    {
        var deadline = DateTime.UtcNow + StartTimeout;
        while (true)
        {
            try
            {
                await using var connection = new NpgsqlConnection(SuperuserConnectionString("postgres") + ";Pooling=false;Timeout=2");
                await connection.OpenAsync();
                return;
            }
            catch (Exception exception) when (exception is NpgsqlException or TimeoutException && DateTime.UtcNow < deadline)
            {
                if (_process.HasExited)
                {
                    throw new InvalidOperationException($"postgres exited with {_process.ExitCode} while starting.");
                }
                await Task.Delay(100);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (!_process.HasExited)
        {
            // SIGTERM: "smart" shutdown would wait for clients; SIGINT is the fast one.
            using var interrupt = Process.Start("kill", ["-INT", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            await interrupt.WaitForExitAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            try
            {
                await _process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        _process.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
