using System.ComponentModel.DataAnnotations;
using Microsoft.IdentityModel.Tokens;

namespace PortfolioTracker.ServiceDefaults.Auth;

/// <summary>
/// The <c>Auth</c> section as the services read it: the issuer and audience they accept and where
/// the gateway publishes its signing keys.
/// </summary>
public sealed class TokenSettings
{
    public const string Section = "Auth";
    public const string DefaultIssuer = "portfolio-tracker";
    public const string DefaultAudience = "portfolio-tracker-api";
    public const string SigningAlgorithm = SecurityAlgorithms.EcdsaSha256;

    /// <summary>Where the gateway answers when service discovery names none: its documented port.</summary>
    public const string DefaultAuthority = "http://127.0.0.1:8080";

    [Required]
    public string Issuer { get; set; } = DefaultIssuer;

    [Required]
    public string Audience { get; set; } = DefaultAudience;

    /// <summary>The gateway's base address; filled from service discovery when not configured.</summary>
    public string? Authority { get; set; }

    public string MetadataAddress => (Authority ?? DefaultAuthority).TrimEnd('/') + "/.well-known/openid-configuration";

    /// <summary>The gateway found by service discovery (the AppHost's reference), else the local default.</summary>
    public void ResolveAuthority(IConfiguration configuration) =>
        Authority ??= configuration["services:gateway:http:0"] ?? DefaultAuthority;

    public bool HasAbsoluteAuthority() =>
        Uri.TryCreate(Authority, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https";

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
