namespace PortfolioTracker.Gateway.Hosting;

/// <summary>
/// Headers on every answer, the proxied ones included (set as the response starts, after the
/// proxy copied the service's headers): API responses carry personal data, so nothing caches
/// them unless an endpoint says otherwise (the public JWKS does); browsers must not sniff a
/// JSON body into something executable; the server software is not advertised; and an answer over
/// HTTPS tells browsers to keep to HTTPS (HSTS). Not for the host name <c>localhost</c>, which a
/// browser would then refuse over the plain loopback port; browsers ignore HSTS from IP addresses.
/// </summary>
public sealed class ApiResponseHeadersMiddleware(RequestDelegate next, IOptions<TransportSecurityOptions> transport)
{
    private readonly string _strictTransportSecurity =
        "max-age=" + ((long)transport.Value.HstsMaxAge.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);

    public Task InvokeAsync(HttpContext context)
    {
        var response = context.Response;
        var https = context.Request.IsHttps && !string.Equals(context.Request.Host.Host, "localhost", StringComparison.OrdinalIgnoreCase);
        response.OnStarting(() =>
        {
            if (https)
            {
                response.Headers.StrictTransportSecurity = _strictTransportSecurity;
            }
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
