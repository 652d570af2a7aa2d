using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace PortfolioTracker.AppHost;

/// <summary>
/// PostgreSQL from the locally installed server binaries. Postgres refuses to run as root,
/// so when the AppHost is root it initialises and runs the cluster as the <c>postgres</c>
/// OS user (through <c>setpriv</c>, which execs in place so signals reach postgres itself).
/// </summary>
internal static class LocalPostgres
{
    private const string HealthCheckName = "postgres-accepts-connections";

    public static IResourceBuilder<ExecutableResource> Add(IDistributedApplicationBuilder builder, LocalState state, string binDirectory, int port)
    {
        var postgresBinary = Path.Combine(binDirectory, "postgres");
        if (!File.Exists(postgresBinary))
        {
            throw new DistributedApplicationException(
                $"PostgreSQL 15 server binaries were not found in {binDirectory}: install postgresql-15 or set DataStores:PostgresBinDirectory.");
        }

        if (OperatingSystem.IsWindows())
        {
            throw new DistributedApplicationException("Local PostgreSQL processes are supported on Linux and macOS; use containers on Windows.");
        }
        PostgresCluster.EnsureInitialized(binDirectory, state);

        var (command, prefix) = OsUser.RunAsPostgres(postgresBinary);
        string[] serverArgs =
        [
            "-D", state.PostgresDataDirectory,
            "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-c", "listen_addresses=127.0.0.1",
            "-c", "unix_socket_directories=",
            "-c", "timezone=UTC",
            "-c", "shared_preload_libraries=pg_stat_statements",
            "-c", "max_connections=200",
        ];

        builder.Services.AddHealthChecks().AddAsyncCheck(HealthCheckName, async cancellationToken =>
        {
            var connection = $"Host=127.0.0.1;Port={port};Username=postgres;Password={state.PostgresPassword};Database=postgres;Timeout=3;Pooling=false";
            try
            {
                await using var dataSource = NpgsqlDataSource.Create(connection);
                await using var command = dataSource.CreateCommand("select 1");
                await command.ExecuteScalarAsync(cancellationToken);
                return HealthCheckResult.Healthy();
            }
            catch (Exception exception) when (exception is NpgsqlException or TimeoutException)
            {
                return HealthCheckResult.Unhealthy("PostgreSQL does not accept connections yet.", exception);
            }
        });

        return builder.AddExecutable("postgres", command, state.Directory, [.. prefix, .. serverArgs])
            .WithEndpoint(port: port, targetPort: port, scheme: "tcp", name: "tcp", isProxied: false)
            .WithHealthCheck(HealthCheckName);
    }
}
