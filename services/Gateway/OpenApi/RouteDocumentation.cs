namespace PortfolioTracker.Gateway.OpenApi;

/// <summary>How the gateway's own routes describe themselves in the OpenAPI document.</summary>
public static class RouteDocumentation
{
    /// <summary>The error statuses a route answers, each with the <c>google.rpc.Status</c> body the transcoded routes use.</summary>
    public static RouteHandlerBuilder ProducesRpcStatus(this RouteHandlerBuilder route, params int[] statusCodes)
    {
        foreach (var statusCode in statusCodes)
        {
            route.Produces<Google.Rpc.Status>(statusCode, "application/json");
        }
        return route;
    }
}
