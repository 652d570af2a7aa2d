using System.Globalization;
using PortfolioTracker.Gateway.Proxy;

namespace PortfolioTracker.Gateway.RateLimiting;

/// <summary>
/// The answer to a request over its budget: HTTP 429 with <c>Retry-After</c> and a
/// <c>google.rpc.Status</c> (RESOURCE_EXHAUSTED, with a <c>RetryInfo</c> detail) for JSON callers;
/// for native gRPC callers, which read the status from the gRPC headers (an HTTP 429 would reach
/// them as UNAVAILABLE), gRPC status RESOURCE_EXHAUSTED in a trailers-only response.
/// </summary>
public static class RateLimitRejection
{
    public static Task WriteAsync(HttpContext context, TimeSpan retryAfter, string message)
    {
        var seconds = WholeSeconds(retryAfter);
        var response = context.Response;
        response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        if (ProxyExtensions.IsGrpc(context.Request))
        {
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = "application/grpc";
            response.Headers["grpc-status"] = RpcStatus.ResourceExhausted.ToString(CultureInfo.InvariantCulture);
            response.Headers["grpc-message"] = message;
            return Task.CompletedTask;
        }
        return Status(message, seconds).WriteAsync(response);
    }

    /// <summary>The same answer as an endpoint result (an HTTP route such as login).</summary>
    public static IResult ToResult(HttpContext context, TimeSpan retryAfter, string message)
    {
        var seconds = WholeSeconds(retryAfter);
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return Status(message, seconds).ToResult();
    }

    private static RpcStatus Status(string message, int seconds) =>
        new(RpcStatus.ResourceExhausted, message, [new RetryInfoDetail(seconds.ToString(CultureInfo.InvariantCulture) + "s")]);

    // Retry-After is whole seconds; rounding down could invite a retry that is refused again.
    private static int WholeSeconds(TimeSpan retryAfter) => Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
}
