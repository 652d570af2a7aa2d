using Microsoft.IdentityModel.Tokens;

namespace PortfolioTracker.ServiceDefaults.Auth;

/// <summary>Issuer, audience and where the gateway publishes its signing keys.</summary>
public sealed record TokenSettings(string Issuer, string Audience, string MetadataAddress)
{
    public const string DefaultIssuer = "portfolio-tracker";
    public const string DefaultAudience = "portfolio-tracker-api";
    public const string SigningAlgorithm = SecurityAlgorithms.EcdsaSha256;

    public static TokenSettings From(IConfiguration configuration)
    {
        var authority = configuration["Auth:Authority"]
            ?? configuration["services:gateway:http:0"]
            ?? "http://127.0.0.1:8080";
        return new TokenSettings(
            configuration["Auth:Issuer"] ?? DefaultIssuer,
            configuration["Auth:Audience"] ?? DefaultAudience,
            authority.TrimEnd('/') + "/.well-known/openid-configuration");
    }

    public TokenValidationParameters ValidationParameters() => new()
    {
        ValidIssuer = Issuer,
        ValidAudience = Audience,
        ValidAlgorithms = [SigningAlgorithm],
        RequireSignedTokens = true,
        RequireExpirationTime = true,
        ValidateLifetime = true,
        ClockSkew = TimeSpan.FromSeconds(30),
        NameClaimType = "sub",
        RoleClaimType = "role",
    };
}
