using PortfolioTracker.ServiceDefaults.Auth;

namespace PortfolioTracker.Gateway.Auth;

/// <summary>The <c>Auth</c> configuration section, with the suite's defaults.</summary>
public sealed record AuthOptions(
    string Issuer,
    string Audience,
    TimeSpan AccessTokenLifetime,
    TimeSpan RefreshTokenLifetime,
    string SigningKeyPath)
{
    public static AuthOptions From(IConfiguration configuration, IHostEnvironment environment)
    {
        // Issuer and audience come from the same place the services validate them from.
        var tokens = TokenSettings.From(configuration);
        var accessMinutes = configuration.GetValue("Auth:AccessTokenMinutes", 15);
        var refreshDays = configuration.GetValue("Auth:RefreshTokenDays", 30);
        if (accessMinutes <= 0 || refreshDays <= 0)
        {
            throw new InvalidOperationException("Auth:AccessTokenMinutes and Auth:RefreshTokenDays must be positive.");
        }

        // Default: the repository's git-ignored .local/ folder, shared by every run on this machine.
        var keyPath = configuration["Auth:SigningKeyPath"]
            ?? Path.Combine(environment.ContentRootPath, "..", "..", ".local", "keys", "jwt-signing-key.pem");

        return new AuthOptions(
            tokens.Issuer,
            tokens.Audience,
            TimeSpan.FromMinutes(accessMinutes),
            TimeSpan.FromDays(refreshDays),
            Path.GetFullPath(keyPath, environment.ContentRootPath));
    }
}
