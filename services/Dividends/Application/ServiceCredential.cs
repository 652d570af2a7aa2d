using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace PortfolioTracker.Dividends.Application;

/// <summary>Where the service-role credential comes from and how long each one lives.</summary>
public sealed class ServiceCredentialOptions
{
    public const string Section = "Dividends:ServiceCredential";

    /// <summary>The suite's signing key (the gateway's, <c>Auth:SigningKeyPath</c> unless set here).</summary>
    public string? SigningKeyPath { get; set; }

    /// <summary>A few minutes: a credential that leaks is soon worthless, and minting one is cheap.</summary>
    [Range(1, 15)]
    public int LifetimeMinutes { get; set; } = 5;
}

/// <summary>
/// The service's own short-lived service-role token, minted in process with the suite's key, for
/// the calls no user token can make: ledger decisions (closed to clients) and the background
/// sync's reads. The token names no user; each call names the user in its request, and the callee
/// runs that call under the user's own claims. Renewed when half its life has passed.
/// </summary>
public sealed class ServiceCredential(IOptions<ServiceCredentialOptions> options, IOptions<TokenSettings> tokens, TimeProvider time)
{
    private readonly Lazy<TokenMinter> _minter = new(() =>
        new TokenMinter(SigningKey.LoadOrCreate(options.Value.SigningKeyPath!, out _), tokens.Value.Issuer, tokens.Value.Audience, time));

    private volatile Minted? _current;

    /// <summary>Call headers carrying the credential.</summary>
    public Metadata Headers() => new() { { "authorization", "Bearer " + Token() } };

    private string Token()
    {
        var now = time.GetUtcNow();
        if (_current is { } current && now < current.RenewAt)
        {
            return current.Token;
        }
        var lifetime = TimeSpan.FromMinutes(options.Value.LifetimeMinutes);
        var token = _minter.Value.MintServiceToken(lifetime, out _);
        _current = new Minted(token, now + lifetime / 2);
        return token;
    }

    private sealed record Minted(string Token, DateTimeOffset RenewAt);
}
