using System.Net.Sockets;

namespace PortfolioTracker.Gateway.Tests;

/// <summary>
/// What the gateway meets behind Aspire's endpoint proxy when the service itself is dead: a
/// port that accepts connections and never answers.
/// </summary>
public sealed class SilentBackend : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly List<TcpClient> _held = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;

    public SilentBackend()
    {
        _listener.Start();
        Address = $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";
        _accepting = AcceptAsync();
    }

    public string Address { get; }

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                lock (_held)
                {
                    _held.Add(client);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _accepting;
        _listener.Stop();
        lock (_held)
        {
            _held.ForEach(client => client.Dispose());
        }
        _stop.Dispose();
    }
}
