using System.Diagnostics;
using System.Net.Sockets;
using Grpc.Core;
using Grpc.Net.ClientFactory;
using Microsoft.Extensions.Options;
using PortfolioTracker.Protos.MarketData.V1;
using PortfolioTracker.ServiceDefaults.Startup;

namespace PortfolioTracker.Portfolio.Workers;

/// <summary>
/// The channel to MarketData opened as soon as MarketData listens, beside the start instead of
/// inside the first valuation: service discovery, the HTTP/2 connection (kept in the client's
/// pool) and the client's call path. The call carries no token, so MarketData refuses it
/// (UNAUTHENTICATED) without doing anything. MarketData restarts with this service and may listen
/// later: until it does, a bare socket probe waits for it, quietly (a failed call would be logged
/// as an outage). It does not hold the start, and gives up after <see cref="Patience"/>.
/// </summary>
public sealed partial class MarketDataChannelWarmUp(
    GrpcClientFactory clients, IConfiguration configuration, IOptions<WarmUpOptions> options, ILogger<MarketDataChannelWarmUp> logger)
    : BackgroundService
{
    /// <summary>MarketData's own start (its dataset check and warm-up) takes seconds, not minutes.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(1);

    private static readonly TimeSpan ProbeInterval = TimeSpan.FromMilliseconds(200);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The address service discovery resolves for the client; without one the first valuation does it all.
        if (!options.Value.Enabled || !Uri.TryCreate(configuration["services:marketdata:grpc:0"], UriKind.Absolute, out var address))
        {
            return;
        }
        var clock = Stopwatch.StartNew();
        for (var listens = await ListensAsync(address, stoppingToken); listens != true; listens = await ListensAsync(address, stoppingToken))
        {
            if (listens is null || clock.Elapsed > Patience)
            {
                LogNotReached(logger, clock.Elapsed.TotalSeconds);
                return;
            }
            await Task.Delay(ProbeInterval, stoppingToken);
        }
        try
        {
            // The client the valuations use (its handler and connection pool), made only now that MarketData listens.
            var prices = clients.CreateClient<PriceService.PriceServiceClient>(nameof(PriceService.PriceServiceClient));
            await prices.GetValuationSeriesAsync(new GetValuationSeriesRequest(), cancellationToken: stoppingToken);
        }
        catch (RpcException exception) when (exception.StatusCode == StatusCode.Unauthenticated)
        {
            // Expected: the channel is open and the call path compiled.
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Only a head start: it never stops the service (an exception here would end the host).
            LogUnexpected(logger, exception.Message);
            return;
        }
        LogOpen(logger, clock.Elapsed.TotalMilliseconds);
    }

    /// <summary>True when MarketData accepts a connection, false while it does not yet, null when its name does not resolve (it will not start to).</summary>
    private static async Task<bool?> ListensAsync(Uri address, CancellationToken stoppingToken)
    {
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        attempt.CancelAfter(TimeSpan.FromSeconds(1));
        using var socket = new TcpClient();
        try
        {
            await socket.ConnectAsync(address.Host, address.Port, attempt.Token);
            return true;
        }
        catch (SocketException exception) when (exception.SocketErrorCode is SocketError.HostNotFound or SocketError.NoData)
        {
            return null;
        }
        catch (Exception exception) when (exception is SocketException || exception is OperationCanceledException && !stoppingToken.IsCancellationRequested)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Channel to MarketData open after {Milliseconds:F0} ms")]
    private static partial void LogOpen(ILogger logger, double milliseconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "MarketData could not be reached in {Seconds:F1} s after the start; the first valuation opens the channel")]
    private static partial void LogNotReached(ILogger logger, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Opening the channel to MarketData at start failed ({Reason}); the first valuation opens it")]
    private static partial void LogUnexpected(ILogger logger, string reason);
}
