using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using PortfolioTracker.ServiceDefaults.Auth;

namespace PortfolioTracker.Gateway.Auth;

/// <summary>Mints signed access tokens and opaque refresh tokens.</summary>
public sealed class TokenIssuer(SigningKey signingKey, AuthOptions options, TimeProvider time)
{
    private readonly TokenMinter _minter = new(signingKey, options.Issuer, options.Audience, time);

    public TimeSpan AccessTokenLifetime => options.AccessTokenLifetime;

    /// <summary>A refresh token's own lifetime, never past the end of its sign-in session.</summary>
    public TimeSpan RefreshTokenLifetime => options.RefreshTokenLifetime < options.SessionLifetime
        ? options.RefreshTokenLifetime
        : options.SessionLifetime;

    /// <summary>How long a sign-in lasts from login, however often it is refreshed.</summary>
    public TimeSpan SessionLifetime => options.SessionLifetime;

    /// <summary>A user's access token: what every service's JwtBearer and <c>auth.uid()</c> read.</summary>
    public string IssueAccessToken(Guid userId, string email) =>
        _minter.Mint(options.AccessTokenLifetime, new Dictionary<string, object>
        {
            [JwtRegisteredClaimNames.Sub] = userId.ToString(),
            [JwtRegisteredClaimNames.Email] = email,
            ["role"] = DbClaims.Authenticated,
        });

    /// <summary>
    /// A server-side credential: no user, so no <c>sub</c>; RLS is bypassed by the role. Short
    /// lived (at most <c>Auth:MaxServiceTokenMinutes</c>) and revocable by its id.
    /// </summary>
    public string IssueServiceToken(TimeSpan lifetime, out Guid tokenId)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(lifetime, options.MaxServiceTokenLifetime);
        return _minter.MintServiceToken(lifetime, out tokenId);
    }

    /// <summary>32 random bytes for the client; only their SHA-256 is ever stored.</summary>
    public static string NewRefreshToken() => Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));

    public static string HashRefreshToken(string refreshToken) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(refreshToken)));
}
