using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.ClientFactory;
using PortfolioTracker.ServiceDefaults.Errors;
using PortfolioTracker.ServiceDefaults.Timing;

namespace PortfolioTracker.ServiceDefaults.Auth;

/// <summary>
/// A service calling another passes the caller's own token on, untouched: the callee
/// verifies it and runs its queries under the same user's RLS. A call that names its own
/// credential is left as it is.
/// </summary>
public sealed class CallerTokenForwarding(IHttpContextAccessor accessor) : Interceptor
{
    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(
        TRequest request, ClientInterceptorContext<TRequest, TResponse> context, AsyncUnaryCallContinuation<TRequest, TResponse> continuation) =>
        continuation(request, WithToken(context));

    public override AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(
        TRequest request, ClientInterceptorContext<TRequest, TResponse> context, AsyncServerStreamingCallContinuation<TRequest, TResponse> continuation) =>
        continuation(request, WithToken(context));

    private ClientInterceptorContext<TRequest, TResponse> WithToken<TRequest, TResponse>(ClientInterceptorContext<TRequest, TResponse> context)
        where TRequest : class where TResponse : class
    {
        var authorization = accessor.HttpContext?.Request.Headers.Authorization.ToString();
        // A call that carries a credential of its own (a service acting for a named user) keeps it.
        if (string.IsNullOrEmpty(authorization) || context.Options.Headers?.Get("authorization") is not null)
        {
            return context;
        }
        var headers = new Metadata();
        foreach (var entry in context.Options.Headers ?? [])
        {
            headers.Add(entry);
        }
        headers.Add("authorization", authorization);
        return new ClientInterceptorContext<TRequest, TResponse>(context.Method, context.Host, context.Options.WithHeaders(headers));
    }

    /// <summary>
    /// A gRPC client of another service of the suite, found by service discovery on its h2c
    /// endpoint, carrying the caller's token; a call that cannot reach the service answers
    /// UNAVAILABLE naming it (<see cref="DependencyFailureTranslation"/>).
    /// </summary>
    public static IHttpClientBuilder AddServiceClient<TClient>(IServiceCollection services, string serviceName) where TClient : class
    {
        services.AddHttpContextAccessor();
        services.AddTransient<CallerTokenForwarding>();
        return services
            .AddGrpcClient<TClient>(options => options.Address = new Uri($"http://_grpc.{serviceName}"))
            .AddInterceptor<CallerTokenForwarding>(InterceptorScope.Client)
            .AddInterceptor(InterceptorScope.Client, provider => ActivatorUtilities.CreateInstance<DependencyFailureTranslation>(provider, serviceName))
            .AddInterceptor(InterceptorScope.Client, _ => new ServiceCallTiming(serviceName));
    }
}
