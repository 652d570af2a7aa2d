using System.Security.Authentication;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace PortfolioTracker.Gateway.Hosting;

/// <summary>The gateway's transport security, request limits and response headers, on every one of its ports.</summary>
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
                kestrel.Limits.MaxRequestHeaderCount = limits.ServerBackstopHeaderCount;
            });
        return builder;
    }

    /// <summary>
    /// HTTPS endpoints (<c>Kestrel:Endpoints:Https</c>, certificate as Kestrel reads it: PEM
    /// <c>Certificate:Path</c> + <c>KeyPath</c>, or a PFX <c>Path</c> + <c>Password</c>) speak TLS 1.2 or
    /// 1.3 only (1.3 whenever the client can); plain HTTP is refused at start unless it is on loopback.
    /// </summary>
    public static IHostApplicationBuilder AddTransportSecurity(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<TransportSecurityOptions>()
            .BindConfiguration(TransportSecurityOptions.Section)
            .Configure<IConfiguration>((options, configuration) =>
                options.PlainHttpAddresses = TransportSecurityOptions.PlainHttpAddressesIn(configuration))
            .Validate(options => options.HstsMaxAge > TimeSpan.Zero, "TransportSecurity:HstsMaxAge must be positive.")
            .Validate(options => options.PlainHttpOnLoopbackOnly(),
                "Plain HTTP may only be served on loopback (127.0.0.1, ::1, localhost); serve other addresses over HTTPS.")
            .ValidateOnStart();
        builder.Services.AddOptions<KestrelServerOptions>()
            .Configure(kestrel => kestrel.ConfigureHttpsDefaults(https => https.SslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13));
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
