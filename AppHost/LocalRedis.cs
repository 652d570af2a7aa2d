using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace PortfolioTracker.AppHost;

/// <summary>Redis from the locally installed <c>redis-server</c>, password-protected, cache only (no persistence).</summary>
internal static class LocalRedis
{
    private const string HealthCheckName = "redis-answers-ping";

    public static IResourceBuilder<ExecutableResource> Add(IDistributedApplicationBuilder builder, LocalState state, int port)
    {
        var binary = new[] { "/usr/bin/redis-server", "/usr/local/bin/redis-server" }.FirstOrDefault(File.Exists)
            ?? throw new DistributedApplicationException("redis-server was not found: apt-get install -y redis-server.");

        builder.Services.AddHealthChecks().AddAsyncCheck(HealthCheckName, async cancellationToken =>
            await PingAsync(port, state.RedisPassword, cancellationToken)
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy("Redis does not answer PING yet."));

        var portText = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return builder.AddExecutable("redis", binary, state.Directory,
                WritePasswordConfig(state), "--port", portText, "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no")
            .WithEndpoint(port: port, targetPort: port, scheme: "tcp", name: "tcp", isProxied: false)
            .WithHealthCheck(HealthCheckName);
    }

    /// <summary>
    /// The password goes in a config file only the owner can read (0600), not on the command
    /// line where any local user's <c>ps</c> would show it.
    /// </summary>
    private static string WritePasswordConfig(LocalState state)
    {
        var directory = Path.Combine(state.Directory, "secrets");
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, "redis.conf");
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        using (var writer = new StreamWriter(path, options))
        {
            writer.Write($"requirepass \"{state.RedisPassword}\"\n");
        }
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        return path;
    }

    private static async Task<bool> PingAsync(int port, string password, CancellationToken cancellationToken)
    {
        try
        {
            using var client = new TcpClient();
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(3));
            await client.ConnectAsync("127.0.0.1", port, timeout.Token);
            var stream = client.GetStream();
            await stream.WriteAsync(Encoding.ASCII.GetBytes($"AUTH {password}\r\nPING\r\n"), timeout.Token);
            var buffer = new byte[64];
            var received = new StringBuilder();
            while (!received.ToString().Contains("PONG", StringComparison.Ordinal))
            {
                var read = await stream.ReadAsync(buffer, timeout.Token);
                if (read == 0)
                {
                    return false;
                }
                received.Append(Encoding.ASCII.GetString(buffer, 0, read));
            }
            return true;
        }
        catch (Exception exception) when (exception is SocketException or IOException or OperationCanceledException)
        {
            return false;
        }
    }
}
