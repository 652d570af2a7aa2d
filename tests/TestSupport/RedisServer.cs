using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;

namespace PortfolioTracker.TestSupport;

/// <summary>A real, throwaway redis-server on a free loopback port, cache-only, killed on dispose.</summary>
public sealed class RedisServer : IAsyncDisposable
{
    private readonly Process _process;

    private RedisServer(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public string ConnectionString => $"127.0.0.1:{Port}";

    /// <param name="port">A port to reuse (a restart in the same place); a free one when null.</param>
    public static async Task<RedisServer> StartAsync(int? port = null)
    {
        var chosen = port ?? FreePort.Next();
        var process = Process.Start(new ProcessStartInfo("redis-server")
        {
            ArgumentList = { "--port", chosen.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        }) ?? throw new InvalidOperationException("redis-server could not be started (apt-get install -y redis-server).");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", chosen);
                return new RedisServer(process, chosen);
            }
            catch (SocketException) when (DateTime.UtcNow < deadline && !process.HasExited)
            {
                await Task.Delay(50);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
