using Grpc.Core;
using Grpc.Core.Interceptors;

namespace PortfolioTracker.ServiceDefaults.Errors;

/// <summary>
/// Marks a call whose request was read and handed to its handler, so an error answered without
/// the mark can only have come from the framework reading the request (see
/// <see cref="TranscodedRequestErrorsMiddleware"/>).
/// </summary>
public sealed class HandlerReached : Interceptor
{
    private static readonly object Key = new();

    public static bool For(HttpContext context) => context.Items.ContainsKey(Key);

    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        Mark(context);
        return continuation(request, context);
    }

    public override Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Mark(context);
        return continuation(request, responseStream, context);
    }

    private static void Mark(ServerCallContext context) => context.GetHttpContext().Items[Key] = true;
}
