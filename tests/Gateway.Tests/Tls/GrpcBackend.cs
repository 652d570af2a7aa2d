using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace PortfolioTracker.Gateway.Tests.Tls;

/// <summary>
/// A stand-in for a service's native gRPC endpoint (h2c on loopback): every call succeeds with an
/// empty message, and the paths that reached it are kept.
/// </summary>
public sealed class GrpcBackend : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly List<string> _paths = [];

    private GrpcBackend(WebApplication app, string address)
    {
        _app = app;
        Address = address;
    }

    public string Address { get; }

    public IReadOnlyList<string> Paths
    {
        get
        {
            lock (_paths)
            {
                return [.. _paths];
            }
        }
    }

    public static async Task<GrpcBackend> StartAsync()
    {
        var port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection();
        builder.WebHost.ConfigureKestrel(kestrel =>
            kestrel.Listen(IPAddress.Loopback, port, listen => listen.Protocols = HttpProtocols.Http2));
        var app = builder.Build();
        var backend = new GrpcBackend(app, $"http://127.0.0.1:{port}");
        app.Run(async context =>
        {
            lock (backend._paths)
            {
                backend._paths.Add(context.Request.Path.Value!);
            }
            // One empty message (not compressed, length 0), then status OK in the trailers.
            context.Response.ContentType = "application/grpc";
            await context.Response.Body.WriteAsync(new byte[5]);
            context.Response.AppendTrailer("grpc-status", "0");
        });
        await app.StartAsync();
        return backend;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
