using System.Xml.XPath;
using Grpc.AspNetCore.Server;
using Microsoft.AspNetCore.Authorization;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace PortfolioTracker.Gateway.OpenApi;

/// <summary>What the document says beyond the routes: title, bearer scheme, proto comments.</summary>
public static class ApiDocumentOptions
{
    public const string BearerScheme = "bearer";

    public static void Configure(SwaggerGenOptions options)
    {
        options.SwaggerDoc(ApiDocument.Name, new OpenApiInfo
        {
            Title = "Portfolio Tracker API",
            Version = ApiDocument.Name,
            Description = "The HTTP/JSON API of the gateway (docs/api.md). JSON follows the proto3 JSON mapping: "
                + "lowerCamelCase fields, decimals and 64-bit integers as strings, dates as YYYY-MM-DD. "
                + "Errors are google.rpc.Status bodies with the matching HTTP status.",
        });
        options.AddSecurityDefinition(BearerScheme, new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "The access token from POST /v1/auth/login or /v1/auth/signup.",
        });
        options.OperationFilter<BearerRequirementFilter>();

        // The generated code's XML docs are the proto comments: Swashbuckle reads the messages' and
        // fields' own; the RPCs' are read below (Grpc.Swagger's reader does not load beside
        // Swashbuckle 11).
        var xml = Path.Combine(AppContext.BaseDirectory, typeof(ApiDocument).Assembly.GetName().Name + ".xml");
        if (File.Exists(xml))
        {
            options.IncludeXmlComments(xml);
            options.OperationFilter<RpcCommentFilter>(new XPathDocument(xml));
        }
    }

    /// <summary>An RPC's proto comment (the XML doc of its generated method) as its operation's description.</summary>
    private sealed class RpcCommentFilter(XPathDocument xml) : IOperationFilter
    {
        public void Apply(OpenApiOperation operation, OperationFilterContext context)
        {
            var rpc = context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<GrpcMethodMetadata>().FirstOrDefault();
            if (rpc is null || !string.IsNullOrWhiteSpace(operation.Description))
            {
                return;
            }
            var member = $"M:{rpc.ServiceType.FullName!.Replace('+', '.')}.{rpc.Method.Name}(";
            var summary = xml.CreateNavigator().SelectSingleNode($"/doc/members/member[starts-with(@name, '{member}')]/summary");
            if (summary is not null)
            {
                operation.Description = string.Join(' ', summary.Value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
            }
        }
    }

    /// <summary>Every operation needs the bearer token except those marked anonymous (auth, keys).</summary>
    private sealed class BearerRequirementFilter : IOperationFilter
    {
        public void Apply(OpenApiOperation operation, OperationFilterContext context)
        {
            if (context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<IAllowAnonymous>().Any())
            {
                return;
            }
            operation.Security =
            [
                new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [] },
            ];
        }
    }
}
