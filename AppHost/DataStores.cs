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
    /// Aspire passes the Redis password as <c>--requirepass $REDIS_PASSWORD</c>, which puts the expanded
    /// password in redis-server's arguments, where any local user's <c>ps</c> shows it. Here the
    /// container starts through <c>/bin/sh -c</c> instead, the shell handing the password to
    /// redis-server as configuration on standard input (a here-document the shell expands itself,
    /// no extra process), and <c>exec</c> keeps redis-server the process that gets the container's
    /// stop signal. Runs after Aspire's own argument callback, whichever form it produced.
    /// </summary>
    private static IResourceBuilder<RedisResource> WithPasswordOffTheCommandLine(this IResourceBuilder<RedisResource> redis) =>
        redis.WithEntrypoint("/bin/sh").WithArgs(context =>
        {
            var words = context.Args.Select(argument => argument as string ?? "").ToList();
            // Aspire's own "sh -c <one command>" form, or the plain argument list.
            if (words is ["-c", var command])
            {
                words = [.. command.Split(' ', StringSplitOptions.RemoveEmptyEntries)];
            }
            if (words.FirstOrDefault() == "redis-server")
            {
                words.RemoveAt(0);
            }
            var at = words.IndexOf("--requirepass");
            if (at >= 0)
            {
                words.RemoveRange(at, Math.Min(2, words.Count - at));
            }
            var options = string.Join(' ', words.Select(word => word.Length == 0 ? "''" : word));
            context.Args.Clear();
            context.Args.Add("-c");
            context.Args.Add($"exec redis-server - {options} <<EOF\nrequirepass \"$REDIS_PASSWORD\"\nEOF\n");
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
