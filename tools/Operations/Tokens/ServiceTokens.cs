using System.Globalization;
using PortfolioTracker.ServiceDefaults.Auth;

namespace PortfolioTracker.Operations.Tokens;

/// <summary>A minted service-role token and what an operator needs to know about it.</summary>
public sealed record ServiceToken(string Token, Guid TokenId, DateTimeOffset ExpiresAt);

/// <summary>
/// Service-role tokens signed with the gateway's key (<c>.local/keys/jwt-signing-key.pem</c>),
/// through the same <see cref="TokenMinter"/> the gateway uses, within the gateway's limit
/// (<c>Auth__MaxServiceTokenMinutes</c>, default 60).
/// </summary>
public static class ServiceTokens
{
    public static int MaxMinutes(Func<string, string?>? environment = null)
    {
        var text = (environment ?? Environment.GetEnvironmentVariable)("Auth__MaxServiceTokenMinutes");
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var minutes) && minutes is >= 1 and <= 24 * 60
            ? minutes
            : TokenMinter.DefaultMaxServiceTokenMinutes;
    }

    public static ServiceToken Mint(string signingKeyPath, int minutes, TimeProvider? time = null, Func<string, string?>? environment = null)
    {
        var max = MaxMinutes(environment);
        if (minutes < 1 || minutes > max)
        {
            throw new OperationFailedException($"--minutes must be between 1 and {max} (Auth__MaxServiceTokenMinutes)");
        }
        time ??= TimeProvider.System;
        var key = SigningKey.LoadOrCreate(signingKeyPath, out _);
        var issuer = Environment.GetEnvironmentVariable("Auth__Issuer") ?? TokenSettings.DefaultIssuer;
        var audience = Environment.GetEnvironmentVariable("Auth__Audience") ?? TokenSettings.DefaultAudience;
        var lifetime = TimeSpan.FromMinutes(minutes);
        var token = new TokenMinter(key, issuer, audience, time).MintServiceToken(lifetime, out var tokenId);
        return new ServiceToken(token, tokenId, time.GetUtcNow() + lifetime);
    }
}
