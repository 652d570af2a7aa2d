using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace PortfolioTracker.Gateway.Hosting;

/// <summary>The gateway's request limits and response headers, on both of its ports.</summary>
public static class HostingExtensions
{
    public static IHostApplicationBuilder AddRequestLimits(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<RequestLimitOptions>()
            .BindConfiguration(RequestLimitOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddOptions<KestrelServerOptions>()
            .Configure<IOptions<RequestLimitOptions>>((kestrel, options) =>
            {
                var limits = options.Value;
                kestrel.AddServerHeader = false;
                kestrel.Limits.MaxRequestBodySize = limits.MaxBodyBytes;
                kestrel.Limits.MaxRequestLineSize = limits.ServerBackstopBytes;
                kestrel.Limits.MaxRequestHeadersTotalSize = limits.ServerBackstopBytes;
            });
        return builder;
    }

    /// <summary>Before anything answers, so every answer, errors included, gets the headers.</summary>
    public static WebApplication UseApiResponseHeaders(this WebApplication app)
    {
        app.UseMiddleware<ApiResponseHeadersMiddleware>();
        return app;
    }

    public static WebApplication UseRequestLimits(this WebApplication app)
    {
        app.UseMiddleware<RequestLimitsMiddleware>();
        return app;
    }
}
