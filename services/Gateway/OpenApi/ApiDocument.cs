using System.Reflection;
using Grpc.Core;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.OpenApi;
using PortfolioTracker.Gateway.Account;
using PortfolioTracker.Gateway.Auth;
using Swashbuckle.AspNetCore.Swagger;

namespace PortfolioTracker.Gateway.OpenApi;

/// <summary>
/// The OpenAPI document of the HTTP/JSON API, made once on first request. The transcoded routes
/// are hosted by the services and only proxied here, so the gateway describes them from the
/// protos compiled into it: a description-only application maps the services' generated base
/// classes (never served, never activated) beside the gateway's own auth and key routes, and
/// Swashbuckle with the gRPC transcoding provider reads the <c>google.api.http</c> annotations,
/// message schemas and proto comments from there.
/// </summary>
public sealed class ApiDocument
{
    public const string Path = "/openapi/v1.json";
    public const string Name = "v1";

    private readonly Lazy<string> _json = new(Generate, LazyThreadSafetyMode.ExecutionAndPublication);

    public string Json => _json.Value;

    private static string Generate()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(ApiDocument).Assembly.GetName().Name,
            EnvironmentName = Environments.Production,
        });
        WebApplication? describer = null;
        builder.Services.AddGrpcSwagger();
        builder.Services.AddEndpointsApiExplorer();
        builder.Services.AddSwaggerGen(ApiDocumentOptions.Configure);
        // The descriptions come from the endpoints mapped below, without starting a server.
        builder.Services.Replace(ServiceDescriptor.Singleton<EndpointDataSource>(_ =>
            new CompositeEndpointDataSource(((IEndpointRouteBuilder)describer!).DataSources)));
        using var app = describer = builder.Build();

        foreach (var service in ServiceBaseTypes())
        {
            MapGrpcService.MakeGenericMethod(service).Invoke(null, [app]);
        }
        app.MapKeyDiscoveryEndpoints();
        app.MapAuthEndpoints();
        app.MapAccountEndpoints();

        var document = app.Services.GetRequiredService<ISwaggerProvider>().GetSwagger(Name);
        using var text = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        document.SerializeAsV3(new OpenApiJsonWriter(text));
        return text.ToString();
    }

    private static readonly MethodInfo MapGrpcService = typeof(GrpcEndpointRouteBuilderExtensions).GetMethods()
        .Single(method => method.Name == nameof(GrpcEndpointRouteBuilderExtensions.MapGrpcService) && method.GetParameters().Length == 1);

    /// <summary>The generated <c>…Base</c> class of every service compiled into the gateway.</summary>
    private static IEnumerable<Type> ServiceBaseTypes() =>
        typeof(ApiDocument).Assembly.GetTypes()
            .Where(type => type.IsAbstract && type.GetCustomAttribute<BindServiceMethodAttribute>() is not null)
            .OrderBy(type => type.FullName, StringComparer.Ordinal);
}
