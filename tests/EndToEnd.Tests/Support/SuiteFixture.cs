using System.Net;
using System.Net.Sockets;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Grpc.Net.Client;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace PortfolioTracker.EndToEnd.Tests.Support;

/// <summary>
/// The whole suite as the AppHost runs it: real PostgreSQL and Redis (local processes on
/// free ports, in a fresh state folder), the migrator, the three services and the gateway.
/// Tests talk to the gateway only, as clients do; the superuser connection is for checking
/// what did or did not reach the database.
/// </summary>
public class SuiteFixture : IAsyncLifetime
{
    // Generous: on a busy two-core machine the whole start has taken more than 4 minutes.
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(6);

    // A start that never finished was seen once on a clean CI machine (and never here): a second
    // attempt, on fresh ports and a fresh state folder, tells a stuck orchestrator from a broken suite.
    private const int StartAttempts = 2;

    private DistributedApplication? _app;

    public string StateDirectory { get; private set; } = NewStateDirectory();

    public HttpClient Http { get; private set; } = null!;

    public GrpcChannel Grpc { get; private set; } = null!;

    public NpgsqlDataSource Superuser { get; private set; } = null!;

    /// <summary>The running AppHost: its resources' states and commands.</summary>
    public DistributedApplication App => _app ?? throw new InvalidOperationException("The suite has not started.");

    /// <summary>Redis as the services reach it (host:port,password=…).</summary>
    public string RedisConnection { get; private set; } = null!;

    public string SigningKeyPath => Path.Combine(StateDirectory, "keys", "jwt-signing-key.pem");

    /// <summary>The gateway's HTTPS port; its self-signed certificate is in the state folder's <c>tls/</c>.</summary>
    public int HttpsPort { get; private set; }

    /// <summary>The demo user's password: random per run, as <c>./run.sh --demo</c> makes it.</summary>
    public string DemoPassword { get; } = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(18));

    public virtual async Task InitializeAsync()
    {
        var stuck = new List<string>();
        for (var attempt = 1; ; attempt++)
        {
            using var timeout = new CancellationTokenSource(StartTimeout);
            try
            {
                await StartAsync(timeout.Token);
                if (stuck.Count > 0)
                {
                    await Console.Error.WriteLineAsync($"The suite started on attempt {attempt}; before: {string.Join(" | ", stuck)}");
                }
                return;
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested)
            {
                stuck.Add($"attempt {attempt} not started within {StartTimeout.TotalSeconds:F0} s: {SuiteStart.Describe(_app)}");
                await Console.Error.WriteLineAsync(stuck[^1]);
                if (attempt == StartAttempts)
                {
                    throw new TimeoutException(string.Join(" | ", stuck));
                }
                await StopAndDeleteAsync();
                StateDirectory = NewStateDirectory();
            }
        }
    }

    private async Task StartAsync(CancellationToken cancel)
    {
        int postgresPort = FreePort(), redisPort = FreePort(), httpPort = FreePort(), grpcPort = FreePort();
        HttpsPort = FreePort();
        string[] args =
        [
            $"--LocalState:Directory={StateDirectory}",
            "--DataStores:Mode=local",
            $"--DataStores:PostgresPort={postgresPort}",
            $"--DataStores:RedisPort={redisPort}",
            $"--Gateway:HttpPort={httpPort}",
            $"--Gateway:GrpcPort={grpcPort}",
            $"--Gateway:HttpsPort={HttpsPort}",
            "--Demo:Enabled=true",
            // The tests count the pending rows their own sync call creates; the background sync
            // would take some of them first. The job has its own tests (Dividends.Tests).
            "--Dividends:SyncJob:Enabled=false",
            $"--Parameters:demo-password={DemoPassword}",
            .. ExtraArguments,
        ];
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
            args, (options, _) => options.DisableDashboard = true, cancel);
        // Every test signs up and calls from one address: budgets beyond reach here (Gateway.Tests
        // covers the rate limits themselves).
        var gateway = builder.CreateResourceBuilder<ProjectResource>("gateway");
        foreach (var group in new[] { "Auth", "SignUp", "Reads", "Writes", "Imports", "Streams" })
        {
            gateway.WithEnvironment($"RateLimits__{group}__PermitLimit", "100000");
        }
        _app = await builder.BuildAsync(cancel);
        await _app.StartAsync(cancel);
        await _app.ResourceNotifications.WaitForResourceHealthyAsync("gateway", cancel);
        await _app.ResourceNotifications.WaitForResourceAsync("demo-seeder", KnownResourceStates.Finished, cancel);

        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}") };
        Grpc = GrpcChannel.ForAddress($"http://127.0.0.1:{grpcPort}");
        var password = (await File.ReadAllTextAsync(Path.Combine(StateDirectory, "secrets", "postgres-superuser.password"), cancel)).Trim();
        Superuser = NpgsqlDataSource.Create(
            $"Host=127.0.0.1;Port={postgresPort};Username=postgres;Password={password};Database=portfolio");
        var redisPassword = (await File.ReadAllTextAsync(Path.Combine(StateDirectory, "secrets", "redis.password"), cancel)).Trim();
        RedisConnection = $"127.0.0.1:{redisPort},password={redisPassword}";
    }

    /// <summary>AppHost settings beyond the suite's defaults, for fixtures that need others.</summary>
    protected virtual IEnumerable<string> ExtraArguments => [];

    public virtual async Task DisposeAsync()
    {
        Http?.Dispose();
        Grpc?.Dispose();
        if (Superuser is not null)
        {
            await Superuser.DisposeAsync();
        }
        await StopAndDeleteAsync();
    }

    private async Task StopAndDeleteAsync()
    {
        if (_app is not null)
        {
            using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            try
            {
                await _app.StopAsync(limit.Token);
            }
            catch (OperationCanceledException)
            {
                // A suite that never started may not stop either: disposing ends its processes.
            }
            await _app.DisposeAsync();
            _app = null;
        }
        try
        {
            Directory.Delete(StateDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A process still closing its files: the OS cleans temp folders eventually.
        }
    }

    /// <summary>Runs a query as the superuser, outside RLS, to see what is really stored.</summary>
    public async Task<long> CountAsync(string sql, params object[] args)
    {
        await using var command = Superuser.CreateCommand(sql);
        foreach (var arg in args)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = arg });
        }
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    private static string NewStateDirectory() => Directory.CreateTempSubdirectory("pt-e2e-").FullName;

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

[CollectionDefinition(Name)]
public sealed class SuiteCollection : ICollectionFixture<SuiteFixture>
{
    public const string Name = "suite";
}
