namespace PortfolioTracker.Gateway.Proxy;

/// <summary>The kinds of proxied call that get their own time limit.</summary>
public enum ProxyRouteGroup
{
    Reads,
    Writes,
    Imports,
    Streams,
}

public static class ProxyRouteGroups
{
    /// <summary>
    /// Streams are the <c>*-streams</c> clusters; imports are <c>…:import</c> routes and
    /// <c>Import…</c> RPCs; reads are GETs and <c>Get…</c>/<c>List…</c> RPCs; everything else writes.
    /// </summary>
    public static ProxyRouteGroup Of(HttpRequest request, string clusterId)
    {
        if (clusterId.EndsWith("-streams", StringComparison.Ordinal))
        {
            return ProxyRouteGroup.Streams;
        }
        var path = request.Path.Value ?? "";
        var method = path[(path.LastIndexOf('/') + 1)..];
        if (path.EndsWith(":import", StringComparison.Ordinal) || method.StartsWith("Import", StringComparison.Ordinal))
        {
            return ProxyRouteGroup.Imports;
        }
        var isRead = HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)
            || method.StartsWith("Get", StringComparison.Ordinal) || method.StartsWith("List", StringComparison.Ordinal);
        return isRead ? ProxyRouteGroup.Reads : ProxyRouteGroup.Writes;
    }
}
