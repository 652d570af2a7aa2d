using System.ComponentModel.DataAnnotations;
using PortfolioTracker.ServiceDefaults.Auth;

namespace PortfolioTracker.Gateway.Auth;

/// <summary>The <c>Auth</c> configuration section, with the suite's defaults.</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>Issuer and audience: the same keys, and defaults, the services validate tokens with.</summary>
    [Required]
    public string Issuer { get; set; } = TokenSettings.DefaultIssuer;

    [Required]
    public string Audience { get; set; } = TokenSettings.DefaultAudience;

    [Range(1, int.MaxValue, ErrorMessage = "Auth:AccessTokenMinutes must be positive.")]
    public int AccessTokenMinutes { get; set; } = 15;

    [Range(1, int.MaxValue, ErrorMessage = "Auth:RefreshTokenDays must be positive.")]
    public int RefreshTokenDays { get; set; } = 30;

    /// <summary>The PEM file of the signing key; made absolute against the content root at start.</summary>
    public string? SigningKeyPath { get; set; }

    public TimeSpan AccessTokenLifetime => TimeSpan.FromMinutes(AccessTokenMinutes);

    public TimeSpan RefreshTokenLifetime => TimeSpan.FromDays(RefreshTokenDays);

    /// <summary>
    /// Fills in the key path. Default: the repository's git-ignored <c>.local/</c> folder, shared
    /// by every run on this machine.
    /// </summary>
    public void ResolvePaths(IHostEnvironment environment)
    {
        var keyPath = SigningKeyPath ?? Path.Combine(environment.ContentRootPath, "..", "..", ".local", "keys", "jwt-signing-key.pem");
        SigningKeyPath = Path.GetFullPath(keyPath, environment.ContentRootPath);
    }

    /// <summary>
    /// For the operator command, which runs without a host: the same binding, defaults and
    /// checks the server applies at start.
    /// </summary>
    public static AuthOptions Read(IConfiguration configuration, IHostEnvironment environment)
    {
        var options = new AuthOptions();
        configuration.GetSection(Section).Bind(options);
        options.ResolvePaths(environment);
        Validator.ValidateObject(options, new ValidationContext(options), validateAllProperties: true);
        return options;
    }
}
