using PortfolioTracker.Gateway.Proxy;

namespace PortfolioTracker.Gateway.RateLimiting;

/// <summary>
/// Which budget a request draws on, from its path and method alone (the routes of docs/api.md
/// and the proxy configuration), so a route added to the proxy is limited from the start.
/// </summary>
public static class RouteGroups
{
    public static RouteGroup Classify(HttpRequest request)
    {
        var path = request.Path.Value ?? "";
        if (path is "/health" or "/alive")
        {
            return RouteGroup.None;
        }
        if (path.StartsWith("/v1/auth/", StringComparison.OrdinalIgnoreCase))
        {
            return path.Equals("/v1/auth/signup", StringComparison.OrdinalIgnoreCase) ? RouteGroup.SignUp : RouteGroup.Auth;
        }
        // Deleting the account checks a password: the same budget as a login.
        if (HttpMethods.IsDelete(request.Method) && path.Equals("/v1/account", StringComparison.OrdinalIgnoreCase))
        {
            return RouteGroup.Auth;
        }
        return ProxyExtensions.IsGrpc(request) ? ClassifyGrpc(path) : ClassifyJson(path, request.Method);
    }

    // Custom methods (":import", ":watch" …) name what a JSON route does; the method decides the rest.
    private static RouteGroup ClassifyJson(string path, string method)
    {
        if (path.EndsWith(":stream", StringComparison.OrdinalIgnoreCase) || path.EndsWith(":watch", StringComparison.OrdinalIgnoreCase))
        {
            return RouteGroup.Streams;
        }
        if (path.EndsWith(":import", StringComparison.OrdinalIgnoreCase)
            || path.EndsWith(":sync", StringComparison.OrdinalIgnoreCase)
            || path.Equals("/v1/admin/ingest", StringComparison.OrdinalIgnoreCase)
            || path.Equals("/v1/account/export", StringComparison.OrdinalIgnoreCase))
        {
            return RouteGroup.Imports;
        }
        return HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method)
            ? RouteGroup.Reads
            : RouteGroup.Writes;
    }

    // Native gRPC paths are "/package.Service/Method"; the protos name methods by what they do.
    private static RouteGroup ClassifyGrpc(string path)
    {
        // The gateway's own gRPC services: a health probe like /health, reflection like a read.
        if (path.StartsWith("/grpc.health.v1.Health/", StringComparison.Ordinal))
        {
            return RouteGroup.None;
        }
        if (path.StartsWith("/grpc.reflection.", StringComparison.Ordinal))
        {
            return RouteGroup.Reads;
        }
        var method = path[(path.LastIndexOf('/') + 1)..];
        return method switch
        {
            _ when StartsWithAny(method, "Stream", "Watch") => RouteGroup.Streams,
            _ when StartsWithAny(method, "Import", "Ingest", "Sync", "Export") => RouteGroup.Imports,
            _ when StartsWithAny(method, "Get", "List", "Search") => RouteGroup.Reads,
            _ => RouteGroup.Writes,
        };
    }

    private static bool StartsWithAny(string method, params ReadOnlySpan<string> prefixes)
    {
        foreach (var prefix in prefixes)
        {
            if (method.StartsWith(prefix, StringComparison.Ordinal))
            {
                return true;
            }
        }
        return false;
    }
}
