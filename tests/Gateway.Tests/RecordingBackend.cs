using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
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

    private RecordingBackend(WebApplication app, string address)
    {
        _app = app;
        Address = address;
    }

    public string Address { get; }

    public static async Task<RecordingBackend> StartAsync()
    {
        var address = $"http://127.0.0.1:{FreePort.Next()}";
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        // The gateway's appsettings.json sits beside the tests and names the gateway's ports.
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection();
        builder.WebHost.UseUrls(address);
        var app = builder.Build();
        app.Run(context => context.Response.WriteAsJsonAsync(new
        {
            method = context.Request.Method,
            path = context.Request.Path.Value + context.Request.QueryString.Value,
            authorization = context.Request.Headers.Authorization.ToString(),
        }));
        await app.StartAsync();
        return new RecordingBackend(app, address);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
