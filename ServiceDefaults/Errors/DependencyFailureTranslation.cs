using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.Logging;

namespace PortfolioTracker.ServiceDefaults.Errors;

/// <summary>
/// A call to another service of the suite that could not be made (refused connection, timeout,
/// open circuit) becomes UNAVAILABLE with <c>Retry-After</c> and a message naming that service,
/// instead of the client library's text about sockets and handlers. What the other service
/// answered itself passes through unchanged.
/// </summary>
public sealed partial class DependencyFailureTranslation(
    string serviceName, IHttpContextAccessor accessor, ILogger<DependencyFailureTranslation> logger) : Interceptor
{
    /// <summary>About as long as the AppHost takes to start a crashed service again.</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(2);

    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(
        TRequest request, ClientInterceptorContext<TRequest, TResponse> context, AsyncUnaryCallContinuation<TRequest, TResponse> continuation)
    {
        var call = continuation(request, context);
        return new AsyncUnaryCall<TResponse>(
            TranslateAsync(call.ResponseAsync, context.Method.FullName),
            call.ResponseHeadersAsync, call.GetStatus, call.GetTrailers, call.Dispose);
    }

    private async Task<TResponse> TranslateAsync<TResponse>(Task<TResponse> response, string method)
    {
        try
        {
            return await response;
        }
        // A status the client made up (it carries the local exception) rather than one the
        // other service sent; a cancelled caller stays cancelled.
        catch (RpcException exception) when (exception.Status.DebugException is not null && exception.StatusCode != StatusCode.Cancelled)
        {
            LogUnreachable(logger, exception.Status.DebugException, serviceName, method);
            if (accessor.HttpContext is { Response.HasStarted: false } http)
            {
                http.Response.Headers.RetryAfter = ((int)RetryAfter.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
            throw RpcErrors.Unavailable($"The {serviceName} service is unavailable right now; try again shortly.", RetryAfter);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Service} could not be reached for {Method}; answered UNAVAILABLE")]
    private static partial void LogUnreachable(ILogger logger, Exception exception, string service, string method);
}
