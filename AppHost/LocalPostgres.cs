using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using PortfolioTracker.Db.LocalPostgres;

namespace PortfolioTracker.AppHost;

/// <summary>
/// PostgreSQL from the locally installed server binaries, as the <c>postgres</c> OS user
/// when the AppHost runs as root; its data directory survives restarts.
/// </summary>
internal static class LocalPostgres
{
    private const string HealthCheckName = "postgres-accepts-connections";

    public static IResourceBuilder<ExecutableResource> Add(IDistributedApplicationBuilder builder, LocalState state, string binDirectory, int port)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new DistributedApplicationException("Local PostgreSQL processes are supported on Linux and macOS; use containers on Windows.");
        }
        PostgresCluster.EnsureInitialized(binDirectory, state.PostgresDataDirectory, state.PostgresPassword);
        PostgresTls.EnsureServerCertificate(state.PostgresDataDirectory, state.PostgresRootCertificatePath);
        var (command, prefix) = OsUser.RunAsPostgres(Path.Combine(binDirectory, "postgres"));

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

        return builder.AddExecutable("postgres", command, state.Directory,
                [.. prefix, .. PostgresCluster.ServerArguments(state.PostgresDataDirectory, port)])
            .WithEndpoint(port: port, targetPort: port, scheme: "tcp", name: "tcp", isProxied: false)
            .WithHealthCheck(HealthCheckName);
    }
}
