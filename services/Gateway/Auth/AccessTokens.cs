using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using PortfolioTracker.ServiceDefaults.Auth;

namespace PortfolioTracker.Gateway.Auth;

/// <summary>
/// The signed-in user behind a request to the gateway's own account routes: a bearer token this
/// gateway signed, verified here (signature, issuer, audience, expiry) with the key it signs with,
/// never decoded unverified. Its payload becomes the RLS claims of the user's database work.
/// </summary>
public sealed class AccessTokens(SigningKey signingKey, AuthOptions options)
{
    private const string BearerPrefix = "Bearer ";
    private static readonly JsonWebTokenHandler Handler = new() { MapInboundClaims = false };

    private readonly TokenValidationParameters _validation = Validation(signingKey, options);

    /// <summary>The user's id and claims, or null when there is no valid user token.</summary>
    public async Task<(Guid UserId, DbClaims Claims)?> AuthenticateUserAsync(HttpRequest request)
    {
        var authorization = request.Headers.Authorization.ToString();
        if (!authorization.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        var result = await Handler.ValidateTokenAsync(authorization[BearerPrefix.Length..].Trim(), _validation);
        if (!result.IsValid || result.SecurityToken is not JsonWebToken token)
        {
            return null;
        }
        try
        {
            var claims = DbClaims.FromVerifiedToken(Base64UrlEncoder.Decode(token.EncodedPayload));
            return claims is { Role: DbClaims.Authenticated, UserId: { } userId } ? (userId, claims) : null;
        }
        catch (InvalidOperationException)
        {
            return null; // a role that cannot reach the database
        }
    }

    private static TokenValidationParameters Validation(SigningKey signingKey, AuthOptions options)
    {
        var validation = new TokenSettings { Issuer = options.Issuer, Audience = options.Audience }.ValidationParameters();
        validation.IssuerSigningKey = signingKey.Credentials.Key;
        return validation;
    }
}
