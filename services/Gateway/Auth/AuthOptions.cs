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

    /// <summary>
    /// The gateway's base address as the services reach it (the AppHost sets it to the
    /// gateway's endpoint): the one address the discovery document names.
    /// </summary>
    [Required]
    [RegularExpression(@"^https?://[^/\s]+(/\S*)?$", ErrorMessage = "Auth:Authority must be an absolute http or https address.")]
    public string? Authority { get; set; } = TokenSettings.DefaultAuthority;

    [Range(1, int.MaxValue, ErrorMessage = "Auth:AccessTokenMinutes must be positive.")]
    public int AccessTokenMinutes { get; set; } = 15;

    /// <summary>How long one refresh token lives unused; each refresh issues a new one.</summary>
    [Range(1, int.MaxValue, ErrorMessage = "Auth:RefreshTokenDays must be positive.")]
    public int RefreshTokenDays { get; set; } = 30;

    /// <summary>
    /// How long a sign-in lasts however often it is refreshed: past it, the user logs in again.
    /// </summary>
    [Range(1, 3650, ErrorMessage = "Auth:SessionDays must be between 1 and 3650.")]
    public int SessionDays { get; set; } = 30;

    /// <summary>The longest a service-role token may live (the mint command refuses more).</summary>
    [Range(1, 24 * 60, ErrorMessage = "Auth:MaxServiceTokenMinutes must be between 1 and 1440.")]
    public int MaxServiceTokenMinutes { get; set; } = TokenMinter.DefaultMaxServiceTokenMinutes;

    /// <summary>The PEM file of the signing key; made absolute against the content root at start.</summary>
    public string? SigningKeyPath { get; set; }

    public TimeSpan AccessTokenLifetime => TimeSpan.FromMinutes(AccessTokenMinutes);

    public TimeSpan RefreshTokenLifetime => TimeSpan.FromDays(RefreshTokenDays);

    public TimeSpan SessionLifetime => TimeSpan.FromDays(SessionDays);

    public TimeSpan MaxServiceTokenLifetime => TimeSpan.FromMinutes(MaxServiceTokenMinutes);

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
