using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using PortfolioTracker.ServiceDefaults.Data;

namespace PortfolioTracker.ServiceDefaults.Auth;

/// <summary>
/// Signs access tokens with the suite's key: the one place a token is made, used by the
/// gateway (user and service tokens) and by the operator's <c>token</c> command.
/// </summary>
public sealed class TokenMinter(SigningKey signingKey, string issuer, string audience, TimeProvider time)
{
    /// <summary>The longest a service-role token may live unless <c>Auth:MaxServiceTokenMinutes</c> says otherwise.</summary>
    public const int DefaultMaxServiceTokenMinutes = 60;

    private static readonly JsonWebTokenHandler Handler = new() { SetDefaultTimesOnTokenCreation = false };

    /// <summary>A token with <paramref name="claims"/>, a fresh <c>jti</c> unless given, valid from now for <paramref name="lifetime"/>.</summary>
    public string Mint(TimeSpan lifetime, Dictionary<string, object> claims, Guid? tokenId = null)
    {
        var now = time.GetUtcNow().UtcDateTime;
        claims[JwtRegisteredClaimNames.Jti] = (tokenId ?? Guid.NewGuid()).ToString();
        return Handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + lifetime,
            Claims = claims,
            SigningCredentials = signingKey.Credentials,
        });
    }

    /// <summary>
    /// A server-side credential: no user, so no <c>sub</c>; RLS is bypassed by the role. The
    /// caller bounds <paramref name="lifetime"/>; the id (<c>jti</c>) is what revocation names.
    /// </summary>
    public string MintServiceToken(TimeSpan lifetime, out Guid tokenId)
    {
        tokenId = Guid.NewGuid();
        return Mint(lifetime, new Dictionary<string, object> { ["role"] = DbClaims.ServiceRoleName }, tokenId);
    }
}
