using Scalar.AspNetCore;

namespace PortfolioTracker.Gateway.OpenApi;

/// <summary>
/// <c>/openapi/v1.json</c> and the reference page at <c>/docs</c>: anonymous (they hold no data)
/// and rate limited as reads. The page's script is served from the package, not a CDN, and it
/// loads no web fonts and sends no telemetry.
/// </summary>
public static class OpenApiExtensions
{
    public const string ReferencePath = "/docs";

    public static IHostApplicationBuilder AddApiReference(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ApiDocument>();
        return builder;
    }

    public static WebApplication MapApiReference(this WebApplication app)
    {
        app.MapGet(ApiDocument.Path, (ApiDocument document, HttpResponse response) =>
        {
            // Public and the same for everyone until the gateway is redeployed.
            response.Headers.CacheControl = "public, max-age=300";
            return Results.Text(document.Json, "application/json");
        }).AllowAnonymous().ExcludeFromDescription();

        app.MapScalarApiReference(ReferencePath, options => options
            .WithTitle("Portfolio Tracker API")
            .WithOpenApiRoutePattern(ApiDocument.Path)
            .DisableDefaultFonts()
            .DisableTelemetry())
            .AllowAnonymous();
        return app;
    }
}
