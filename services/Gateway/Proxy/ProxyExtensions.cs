using Microsoft.AspNetCore.Diagnostics;
using Yarp.ReverseProxy.Forwarder;

namespace PortfolioTracker.Gateway.Proxy;

/// <summary>
/// Routes to the services, from the <c>ReverseProxy</c> configuration section. Requests pass
/// through as they are, Authorization header included: each service verifies the token itself.
/// </summary>
public static class ProxyExtensions
{
    public static IHostApplicationBuilder AddGatewayProxy(this IHostApplicationBuilder builder)
    {
        builder.Services.AddReverseProxy()
            .LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"))
            .AddServiceDiscoveryDestinationResolver();
        return builder;
    }

    public static WebApplication MapGatewayProxy(this WebApplication app)
    {
        app.MapReverseProxy(proxy => proxy.Use(async (context, next) =>
        {
            // A service's own error response passes through untouched.
            if (context.Features.Get<IStatusCodePagesFeature>() is { } statusCodePages)
            {
                statusCodePages.Enabled = false;
            }

            await next();

            // Forwarding failed (service unreachable 502, timeout 504, body too large 413 …):
            // YARP leaves the status without a body. Native gRPC callers read the HTTP status
            // itself; JSON callers get the usual error body.
            if (context.GetForwarderErrorFeature() is not null && !context.Response.HasStarted && !IsGrpc(context.Request))
            {
                await RpcStatus.ForHttpStatus(context.Response.StatusCode).WriteAsync(context.Response, context.Response.StatusCode);
            }
        }));
        return app;
    }

    internal static bool IsGrpc(HttpRequest request) =>
        request.ContentType?.StartsWith("application/grpc", StringComparison.Ordinal) == true;
}
