using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace PortfolioTracker.Gateway.Tests;

/// <summary>
/// A stand-in for a service behind the gateway: a real Kestrel server on a loopback port that
/// answers every request with what reached it (method, path and query, Authorization header).
/// </summary>
public sealed class RecordingBackend : IAsyncDisposable
{
    private readonly WebApplication _app;

    private RecordingBackend(WebApplication app, string address, string grpcAddress)
    {
        _app = app;
        Address = address;
        GrpcAddress = grpcAddress;
    }

    /// <summary>HTTP/1.1, as a service's JSON endpoint.</summary>
    public string Address { get; }

    /// <summary>HTTP/2 only (h2c), as a service's native gRPC endpoint, so the gateway's probes of it pass.</summary>
    public string GrpcAddress { get; }

    public static async Task<RecordingBackend> StartAsync()
    {
        int port = FreePort.Next(), grpcPort = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        // The gateway's appsettings.json sits beside the tests and names the gateway's ports.
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, port);
            kestrel.Listen(IPAddress.Loopback, grpcPort, listen => listen.Protocols = HttpProtocols.Http2);
        });
        var app = builder.Build();
        app.Run(context => context.Response.WriteAsJsonAsync(new
        {
            method = context.Request.Method,
            path = context.Request.Path.Value + context.Request.QueryString.Value,
            authorization = context.Request.Headers.Authorization.ToString(),
        }));
        await app.StartAsync();
        return new RecordingBackend(app, $"http://127.0.0.1:{port}", $"http://127.0.0.1:{grpcPort}");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
