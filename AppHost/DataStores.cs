using System.Diagnostics;
using Microsoft.Extensions.Configuration;

namespace PortfolioTracker.AppHost;

/// <summary>PostgreSQL and Redis, and the connection strings the other resources get.</summary>
public sealed record DataStores(
    IResourceBuilder<IResourceWithEndpoints> Postgres,
    IResourceBuilder<IResourceWithEndpoints> Redis,
    ReferenceExpression AdminConnection,
    ReferenceExpression AppConnection,
    ReferenceExpression RedisConnection);

public static class DataStoreExtensions
{
    public const string DatabaseName = "portfolio";

    /// <summary>
    /// Containers where a container runtime answers; otherwise the locally installed
    /// binaries, because Aspire's containers never become healthy without a runtime and
    /// everything waiting on them would hang. <c>DataStores:Mode</c> = auto | container | local.
    /// </summary>
    public static DataStores AddDataStores(this IDistributedApplicationBuilder builder, LocalState state)
    {
        var settings = builder.Configuration.GetSection("DataStores");
        var mode = settings["Mode"] ?? "auto";
        var postgresPort = settings.GetValue("PostgresPort", 55432);
        var redisPort = settings.GetValue("RedisPort", 56379);

        var useContainers = mode switch
        {
            "container" => true,
            "local" => false,
            _ => ContainerRuntimeIsHealthy(),
        };
        return useContainers
            ? AddContainers(builder, state, postgresPort, redisPort)
            : AddLocalProcesses(builder, state, settings["PostgresBinDirectory"] ?? "/usr/lib/postgresql/15/bin", postgresPort, redisPort);
    }

    private static DataStores AddContainers(IDistributedApplicationBuilder builder, LocalState state, int postgresPort, int redisPort)
    {
        var postgresPassword = builder.AddParameter("postgres-password", state.PostgresPassword, secret: true);
        var postgres = builder.AddPostgres("postgres", password: postgresPassword, port: postgresPort)
            .WithImageTag("15")
            .WithArgs(PortfolioTracker.Db.LocalPostgres.PostgresLogSettings.Private)
            .WithDataVolume("portfolio-tracker-postgres");
        var redisPassword = builder.AddParameter("redis-password", state.RedisPassword, secret: true);
        var redis = builder.AddRedis("redis", redisPort, redisPassword)
            .WithPasswordOffTheCommandLine();

        var endpoint = postgres.GetEndpoint("tcp");
        return new DataStores(
            postgres,
            redis,
            ReferenceExpression.Create($"{postgres.Resource.ConnectionStringExpression};Database={DatabaseName}"),
            AuthenticatorConnection(endpoint, state),
            redis.Resource.ConnectionStringExpression);
    }

    private static DataStores AddLocalProcesses(IDistributedApplicationBuilder builder, LocalState state, string binDirectory, int postgresPort, int redisPort)
    {
        var postgres = LocalPostgres.Add(builder, state, binDirectory, postgresPort);
        var redis = LocalRedis.Add(builder, state, redisPort);

        // Over TLS, the server verified against the certificate created for it.
        var endpoint = postgres.GetEndpoint("tcp");
        var tls = PortfolioTracker.Db.LocalPostgres.PostgresTls.VerifiedTls(state.PostgresRootCertificatePath);
        return new DataStores(
            postgres,
            redis,
            ReferenceExpression.Create(
                $"Host={endpoint.Property(EndpointProperty.Host)};Port={endpoint.Property(EndpointProperty.Port)};Username=postgres;Password={state.PostgresPassword};Database={DatabaseName};{tls}"),
            ReferenceExpression.Create($"{AuthenticatorConnection(endpoint, state)};{tls}"),
            ReferenceExpression.Create(
                $"{redis.GetEndpoint("tcp").Property(EndpointProperty.Host)}:{redis.GetEndpoint("tcp").Property(EndpointProperty.Port)},password={state.RedisPassword}"));
    }

    /// <summary>
    /// Aspire starts the Redis container as <c>sh -c "redis-server --requirepass $REDIS_PASSWORD …"</c>,
    /// so the expanded password sits in redis-server's arguments, which any local user's <c>ps</c>
    /// shows. Here the shell hands it over as configuration on standard input instead (a here-document
    /// expanded by the shell itself, no extra process), and <c>exec</c> keeps redis-server the process
    /// that receives the container's stop signal. Runs after Aspire's own argument callback.
    /// </summary>
    private static IResourceBuilder<RedisResource> WithPasswordOffTheCommandLine(this IResourceBuilder<RedisResource> redis) =>
        redis.WithArgs(context =>
        {
            const string PasswordArgument = "--requirepass $REDIS_PASSWORD";
            for (var i = 0; i < context.Args.Count; i++)
            {
                if (context.Args[i] is string command && command.StartsWith("redis-server ", StringComparison.Ordinal)
                    && command.Contains(PasswordArgument, StringComparison.Ordinal))
                {
                    var options = command["redis-server ".Length..].Replace(PasswordArgument, "", StringComparison.Ordinal).Trim();
                    context.Args[i] = $"exec redis-server - {options} <<EOF\nrequirepass \"$REDIS_PASSWORD\"\nEOF\n";
                }
            }
        });

    /// <summary>What the services use: the login role that can only switch to the API roles.</summary>
    private static ReferenceExpression AuthenticatorConnection(EndpointReference endpoint, LocalState state) =>
        ReferenceExpression.Create(
            $"Host={endpoint.Property(EndpointProperty.Host)};Port={endpoint.Property(EndpointProperty.Port)};Username=authenticator;Password={state.AuthenticatorPassword};Database={DatabaseName}");

    private static bool ContainerRuntimeIsHealthy()
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("docker", "info --format {{.ServerVersion}}")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            });
            if (process is null)
            {
                return false;
            }
            if (!process.WaitForExit(TimeSpan.FromSeconds(10)))
            {
                process.Kill(entireProcessTree: true);
                return false;
            }
            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false; // no docker client at all
        }
    }
}
