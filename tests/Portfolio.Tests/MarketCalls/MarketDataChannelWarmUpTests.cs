using System.Net;
using System.Net.Sockets;

namespace PortfolioTracker.Portfolio.Tests.MarketCalls;

/// <summary>
/// MarketData's address starts to accept connections once the in-process MarketData runs, as a
/// MarketData that starts after Portfolio does: a loopback listener takes its port then (the
/// operating system completes the handshake), while the calls themselves go to the in-process MarketData.
/// </summary>
public sealed class ListeningMarketDataHarness : MarketSuiteHarness
{
    private readonly int _port = FreePort();
    private TcpListener? _marketDataPort;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _marketDataPort = new TcpListener(IPAddress.Loopback, _port);
        _marketDataPort.Start();
    }

    protected override IEnumerable<KeyValuePair<string, string?>> Settings() =>
        base.Settings()
            .Where(setting => setting.Key != "services:marketdata:grpc:0")
            .Append(new("services:marketdata:grpc:0", $"http://127.0.0.1:{_port}"));

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _marketDataPort?.Dispose();
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}

/// <summary>
/// At start, once MarketData's port accepts connections, Portfolio opens its channel with a call
/// MarketData refuses (no token), so the first valuation does not pay for the connection; where
/// MarketData's name does not resolve, it says so and leaves the channel to the first valuation.
/// </summary>
public sealed class MarketDataChannelWarmUpTests(ListeningMarketDataHarness listening, MarketSuiteHarness unresolved)
    : IClassFixture<ListeningMarketDataHarness>, IClassFixture<MarketSuiteHarness>
{
    [Fact]
    public async Task TheChannelIsOpenedOnceMarketDataListensAndLeftToTheFirstValuationWhereItsNameDoesNotResolve()
    {
        var opened = await LoggedAsync(listening, "Channel to MarketData open after ");
        var notReached = await LoggedAsync(unresolved, "MarketData could not be reached");

        Assert.True(opened, string.Join(Environment.NewLine, listening.Logs.Messages));
        Assert.True(notReached, string.Join(Environment.NewLine, unresolved.Logs.Messages));
        Assert.DoesNotContain(listening.Logs.Messages, m => m.Contains("MarketData could not be reached", StringComparison.Ordinal)
            || m.Contains("Opening the channel to MarketData at start failed", StringComparison.Ordinal));
    }

    /// <summary>The warm-up runs beside the start: its line may come a moment after the host started.</summary>
    private static async Task<bool> LoggedAsync(MarketSuiteHarness harness, string start)
    {
        for (var waited = 0; waited < 100; waited++)
        {
            if (harness.Logs.Messages.Any(m => m.Contains(start, StringComparison.Ordinal)))
            {
                return true;
            }
            await Task.Delay(100);
        }
        return false;
    }
}
