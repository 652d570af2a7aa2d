using Grpc.Reflection;

namespace PortfolioTracker.Gateway.Reflection;

/// <summary>
/// gRPC server reflection and <c>grpc.health.v1</c>, answered by the gateway itself. Reflection is
/// served from the descriptors compiled into the gateway (<see cref="ServiceContracts"/>) rather
/// than routed to the services: one answer lists every service the gateway routes, it needs no
/// fan-out across three backends, and it still answers while a service is down. Health is the
/// gateway's own readiness (the checks behind <c>/health</c>), as a load balancer probing the
/// gRPC port expects.
/// </summary>
public static class ReflectionExtensions
{
    public static IHostApplicationBuilder AddGatewayReflection(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ReflectionOptions>()
            .BindConfiguration(ReflectionOptions.Section)
            .ValidateOnStart();
        // Unknown services are the proxy's to route; only the services mapped here are answered.
        builder.Services.AddGrpc(options => options.IgnoreUnknownServices = true);
        builder.Services.AddGrpcHealthChecks();
        builder.Services.AddSingleton(_ => new ReflectionServiceImpl(ServiceContracts.Services));
        builder.Services.AddSingleton(_ => new ReflectionV1ServiceImpl(ServiceContracts.Services));
        return builder;
    }

    public static WebApplication MapGatewayReflection(this WebApplication app)
    {
        app.MapGrpcHealthChecksService();
        if (app.Services.GetRequiredService<IOptions<ReflectionOptions>>().Value.Enabled)
        {
            // Both versions: grpcurl asks v1 first, older clients only know v1alpha.
            app.MapGrpcService<ReflectionV1ServiceImpl>();
            app.MapGrpcService<ReflectionServiceImpl>();
        }
        return app;
    }
}
