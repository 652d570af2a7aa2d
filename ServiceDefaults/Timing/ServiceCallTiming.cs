using Grpc.Core;
using Grpc.Core.Interceptors;

namespace PortfolioTracker.ServiceDefaults.Timing;

/// <summary>Counts a unary call to another service of the suite, until its answer is read, as work of that service's name.</summary>
public sealed class ServiceCallTiming(string serviceName) : Interceptor
{
    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(
        TRequest request, ClientInterceptorContext<TRequest, TResponse> context, AsyncUnaryCallContinuation<TRequest, TResponse> continuation)
    {
        if (RequestTimer.Current is null)
        {
            return continuation(request, context);
        }
        var scope = RequestTimer.Measure(serviceName);
        var call = continuation(request, context);
        return new AsyncUnaryCall<TResponse>(Timed(call.ResponseAsync, scope), call.ResponseHeadersAsync, call.GetStatus, call.GetTrailers, call.Dispose);
    }

    private static async Task<TResponse> Timed<TResponse>(Task<TResponse> response, RequestTimer.Scope scope)
    {
        using (scope)
        {
            return await response;
        }
    }
}
