using Microsoft.AspNetCore.Mvc;
using PortfolioTracker.ServiceDefaults.Auth;

namespace PortfolioTracker.Gateway.Auth;

/// <summary>
/// What the services' JwtBearer fetches to verify tokens: the OpenID discovery document
/// pointing at the JWKS, and the JWKS with the public signing key.
/// </summary>
public static class KeyDiscoveryEndpoints
{
    public static IEndpointRouteBuilder MapKeyDiscoveryEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/.well-known/openid-configuration", ([FromServices] AuthOptions options) => Results.Json(new
        {
            issuer = options.Issuer,
            // From configuration, never from the request's Host header: a forged Host would
            // otherwise point a verifier at a key set of the attacker's choosing.
            jwks_uri = options.Authority!.TrimEnd('/') + "/.well-known/jwks.json",
            id_token_signing_alg_values_supported = new[] { TokenSettings.SigningAlgorithm },
        })).AllowAnonymous().WithTags("Keys").WithSummary("The OpenID discovery document the services read to find the signing keys.");

        app.MapGet("/.well-known/jwks.json", (HttpResponse response, [FromServices] SigningKey key) =>
        {
            // Short enough that a rotated key propagates quickly.
            response.Headers.CacheControl = "public, max-age=300";
            return Results.Json(new { keys = new[] { key.PublicJwk } });
        }).AllowAnonymous().WithTags("Keys").WithSummary("The public signing keys (JWKS) that verify access tokens.");
        return app;
    }
}
