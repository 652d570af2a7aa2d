using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using PortfolioTracker.ServiceDefaults.Auth;
using PortfolioTracker.ServiceDefaults.Data;

namespace PortfolioTracker.TestSupport;

/// <summary>
/// Access tokens as the gateway issues them (ES256, the suite's issuer and audience), signed
/// by a key only this test run trusts. A service under test validates them the real way:
/// signature, issuer, audience and expiry, then the claims its RLS session runs with.
/// </summary>
public sealed class TestTokens : IDisposable
{
    private static readonly JsonWebTokenHandler Handler = new() { SetDefaultTimesOnTokenCreation = false };
    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    /// <summary>A signed-in user's token (role <c>authenticated</c>, <c>sub</c> = the user).</summary>
    public string ForUser(Guid userId) => Sign(new Dictionary<string, object>
    {
        ["sub"] = userId.ToString(),
        ["role"] = DbClaims.Authenticated,
    });

    /// <summary>A server-side credential: no user, RLS bypassed by the role.</summary>
    public string ForServiceRole() => Sign(new Dictionary<string, object> { ["role"] = DbClaims.ServiceRoleName });

    public string Sign(Dictionary<string, object> claims, TimeSpan? lifetime = null)
    {
        var now = DateTime.UtcNow;
        return Handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = TokenSettings.DefaultIssuer,
            Audience = TokenSettings.DefaultAudience,
            Claims = claims,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + (lifetime ?? TimeSpan.FromMinutes(10)),
            SigningCredentials = new SigningCredentials(new ECDsaSecurityKey(_key), TokenSettings.SigningAlgorithm),
        });
    }

    /// <summary>
    /// Makes the service trust this key as if it had fetched the gateway's published keys, so
    /// no gateway needs to run.
    /// </summary>
    public void TrustIn(IServiceCollection services) =>
        services.Configure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, options =>
        {
            var configuration = new OpenIdConnectConfiguration { Issuer = TokenSettings.DefaultIssuer };
            configuration.SigningKeys.Add(new ECDsaSecurityKey(_key));
            options.Configuration = configuration;
        });

    public void Dispose() => _key.Dispose();
}
