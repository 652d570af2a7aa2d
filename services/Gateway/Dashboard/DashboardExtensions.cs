using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;

namespace PortfolioTracker.Gateway.Dashboard;

/// <summary>
/// The web dashboard at <c>/</c>: static files the build copies beside the gateway (the sources in
/// <c>web/src</c> and the chart library from npm), so nothing but the gateway runs at run time.
/// Anonymous (the files hold no data; the page asks for a token before it fetches any), and placed
/// after the rate limiter, where a GET counts as a read.
/// </summary>
public static partial class DashboardExtensions
{
    /// <summary>Where the build puts the files, relative to the gateway's assembly.</summary>
    public const string Folder = "dashboard";

    /// <summary>
    /// The page may load and call only its own origin: no inline script or style, no framing,
    /// no plugins, and forms post nowhere else.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
        + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public static WebApplication UseDashboard(this WebApplication app)
    {
        var root = Path.Combine(AppContext.BaseDirectory, Folder);
        if (!Directory.Exists(root))
        {
            LogMissing(app.Logger, root);
            return app;
        }
        var files = new PhysicalFileProvider(root);
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            ContentTypeProvider = new FileExtensionContentTypeProvider(),
            OnPrepareResponse = context =>
            {
                var headers = context.Context.Response.Headers;
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
                headers["Referrer-Policy"] = "no-referrer";
                // Revalidated on every load, so a redeployed gateway's page is never mixed with an old module.
                headers.CacheControl = "no-cache";
            },
        });
        return app;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No dashboard files at {Path}: the gateway serves the API only")]
    private static partial void LogMissing(ILogger logger, string path);
}
