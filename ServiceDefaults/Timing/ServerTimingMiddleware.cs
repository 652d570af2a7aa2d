using Microsoft.Extensions.Options;

using System.Globalization;
using System.Text;

namespace PortfolioTracker.ServiceDefaults.Timing;

/// <summary>
/// Adds this process's entries to the <c>Server-Timing</c> response header when the response
/// starts: <c>{name}</c> (the whole request until its answer starts), one entry per kind of work
/// measured with <see cref="RequestTimer"/> (<c>{name}-db</c>, <c>{name}-marketdata</c> …, with
/// how many there were), and <c>{name}-app</c>, the rest (computation, caches, this process's
/// own handling). Entries a proxied service already wrote are kept; a proxy's come after them.
/// What follows the start of the answer (writing the body) is not in the header.
/// </summary>
public sealed class ServerTimingMiddleware(RequestDelegate next, string name)
{
    public const string Header = "Server-Timing";

    // Async so that the request's timer stays in this request's context and does not leak to the caller's.
    public async Task InvokeAsync(HttpContext context)
    {
        var timer = RequestTimer.Start();
        context.Response.OnStarting(() =>
        {
            context.Response.Headers.Append(Header, Describe(name, timer));
            return Task.CompletedTask;
        });
        await next(context);
    }

    private static string Describe(string name, RequestTimer timer)
    {
        var total = timer.Elapsed;
        var parts = timer.Snapshot();
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{name};dur={total.TotalMilliseconds:F2}");
        var measured = TimeSpan.Zero;
        foreach (var (kind, busy, count) in parts)
        {
            measured += busy;
            text.Append(CultureInfo.InvariantCulture, $", {name}-{kind};dur={busy.TotalMilliseconds:F2};desc=\"{count}\"");
        }
        if (parts.Count > 0)
        {
            var rest = total - measured;
            text.Append(CultureInfo.InvariantCulture, $", {name}-app;dur={Math.Max(0, rest.TotalMilliseconds):F2}");
        }
        return text.ToString();
    }
}

public static class ServerTimingExtensions
{
    public static IHostApplicationBuilder AddServerTiming(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ServerTimingOptions>().BindConfiguration(ServerTimingOptions.Section).ValidateOnStart();
        return builder;
    }

    /// <summary>First in the pipeline, so the entry covers everything this process does; nothing when timing is off.</summary>
    public static WebApplication UseServerTiming(this WebApplication app, string name)
    {
        if (app.Services.GetRequiredService<IOptions<ServerTimingOptions>>().Value.Enabled)
        {
            app.UseMiddleware<ServerTimingMiddleware>(name);
        }
        return app;
    }
}
