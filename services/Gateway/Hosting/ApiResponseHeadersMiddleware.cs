namespace PortfolioTracker.Gateway.Hosting;

/// <summary>
/// Headers on every answer, the proxied ones included (set as the response starts, after the
/// proxy copied the service's headers): API responses carry personal data, so nothing caches
/// them unless an endpoint says otherwise (the public JWKS does); browsers must not sniff a
/// JSON body into something executable; and the server software is not advertised.
/// </summary>
public sealed class ApiResponseHeadersMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        var response = context.Response;
        response.OnStarting(() =>
        {
            if (string.IsNullOrEmpty(response.Headers.CacheControl))
            {
                response.Headers.CacheControl = "no-store";
            }
            response.Headers.XContentTypeOptions = "nosniff";
            response.Headers.Remove("Server");
            return Task.CompletedTask;
        });
        return next(context);
    }
}
