using Microsoft.AspNetCore.Diagnostics;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Model;

namespace PortfolioTracker.Gateway.Proxy;

/// <summary>
/// Routes to the services, from the <c>ReverseProxy</c> configuration section. Requests pass
/// through as they are, Authorization header included: each service verifies the token itself.
/// A service that is down answers 503 at once; one that does not answer in its route group's
/// time answers 504 (<see cref="ProxyTimeoutOptions"/>).
/// </summary>
public static class ProxyExtensions
{
    public static IHostApplicationBuilder AddGatewayProxy(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ProxyTimeoutOptions>()
            .BindConfiguration(ProxyTimeoutOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<IForwarderHttpClientFactory, ProxyHttpClientFactory>();
        builder.Services.AddReverseProxy()
            .LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"))
            .AddConfigFilter<ProxyHealthFilter>()
            .AddServiceDiscoveryDestinationResolver();
        return builder;
    }

    public static WebApplication MapGatewayProxy(this WebApplication app)
    {
        var limits = app.Services.GetRequiredService<IOptions<ProxyTimeoutOptions>>();
        app.MapReverseProxy(proxy => proxy.Use(async (context, next) =>
        {
            // A service's own error response passes through untouched.
            if (context.Features.Get<IStatusCodePagesFeature>() is { } statusCodePages)
            {
                statusCodePages.Enabled = false;
            }

            var group = ProxyRouteGroups.Of(context.Request, context.GetReverseProxyFeature().Cluster.Config.ClusterId);
            using var timeout = new CancellationTokenSource(limits.Value.For(group));
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, timeout.Token);
            var clientAborted = context.RequestAborted;
            // YARP cancels the call to the service with the request's token; this one also fires
            // when the route group's time is up.
            context.RequestAborted = linked.Token;
            try
            {
                await next();
            }
            finally
            {
                context.RequestAborted = clientAborted;
            }

            if (context.GetForwarderErrorFeature() is { } failure && !context.Response.HasStarted && !clientAborted.IsCancellationRequested)
            {
                await WriteFailureAsync(context, failure.Error, timedOut: timeout.IsCancellationRequested);
            }
        }));
        return app;
    }

    /// <summary>
    /// Forwarding failed and YARP left a status without a body: a service that is down or
    /// unreachable is 503 with Retry-After, one that did not answer in time 504, anything else
    /// keeps YARP's status (a body too large stays 413). JSON callers get a google.rpc.Status
    /// body; native gRPC callers a trailers-only gRPC status.
    /// </summary>
    private static Task WriteFailureAsync(HttpContext context, ForwarderError error, bool timedOut)
    {
        var response = context.Response;
        var status = timedOut || error == ForwarderError.RequestTimedOut ? StatusCodes.Status504GatewayTimeout
            : error is ForwarderError.NoAvailableDestinations or ForwarderError.Request or ForwarderError.RequestCreation ? StatusCodes.Status503ServiceUnavailable
            : response.StatusCode;
        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            response.Headers.RetryAfter = "2";
        }
        var body = RpcStatus.ForHttpStatus(status);
        if (!IsGrpc(context.Request))
        {
            return body.WriteAsync(response, status);
        }

        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/grpc";
        response.Headers["grpc-status"] = body.Code.ToString(System.Globalization.CultureInfo.InvariantCulture);
        response.Headers["grpc-message"] = Uri.EscapeDataString(body.Message);
        return Task.CompletedTask;
    }

    internal static bool IsGrpc(HttpRequest request) =>
        request.ContentType?.StartsWith("application/grpc", StringComparison.Ordinal) == true;
}
