using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using PortfolioTracker.ServiceDefaults.Auth;
using PortfolioTracker.ServiceDefaults.Data;

namespace PortfolioTracker.ServiceDefaults.Startup;

/// <summary>
/// What the first verified caller would otherwise pay, paid before the service listens: the
/// gateway's published keys fetched (the handler keeps them; unfetched, the first request waits for
/// that HTTP round trip), the revoked-token list read, and one token of the suite's shape validated
/// with a throwaway key, so the token parsing, the signature check and the claims mapping are
/// compiled. A gateway that is not up yet (the suite's first start) leaves the keys to the first
/// request, as before; nothing here fails the start.
/// </summary>
public sealed partial class TokenValidationWarmUp(
    IOptionsMonitor<JwtBearerOptions> bearer, IOptions<TokenSettings> tokens, RevokedTokens revoked, IOptions<WarmUpOptions> options,
    ILogger<TokenValidationWarmUp> logger) : IHostedService
{
    // The gateway and the database answer in milliseconds when they are up; longer means they are not.
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(3);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }
        var handler = bearer.Get(JwtBearerDefaults.AuthenticationScheme);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(Limit);
        if (handler.ConfigurationManager is { } keys)
        {
            try
            {
                // The key fetch does not always honour its token (its retriever retries on its own clock).
                await keys.GetConfigurationAsync(limit.Token).WaitAsync(limit.Token);
            }
            catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
            {
                LogKeysNotFetched(logger, exception.Message);
            }
        }
        try
        {
            await revoked.IsRevokedAsync(Guid.NewGuid().ToString(), limit.Token).AsTask().WaitAsync(limit.Token);
            await ValidateThrowawayTokenAsync(handler);
            LogWarm(logger);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            LogTokenPathNotWarmed(logger, exception.Message);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>A token as the gateway issues them (ES256, issuer, audience, a user) checked by the service's own handler and rules.</summary>
    private async Task ValidateThrowawayTokenAsync(JwtBearerOptions handler)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var signingKey = new ECDsaSecurityKey(key) { KeyId = "warm-up" };
        var settings = tokens.Value;
        var now = DateTime.UtcNow;
        var token = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = settings.Issuer,
            Audience = settings.Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(1),
            Claims = new Dictionary<string, object> { ["sub"] = Guid.NewGuid().ToString(), ["role"] = DbClaims.Authenticated },
            SigningCredentials = new SigningCredentials(signingKey, TokenSettings.SigningAlgorithm),
        });
        var parameters = handler.TokenValidationParameters.Clone();
        parameters.IssuerSigningKey = signingKey;
        var result = await handler.TokenHandlers.First().ValidateTokenAsync(token, parameters);
        // A token the service's own rules reject here would be rejected from the gateway too: say so.
        if (!result.IsValid || result.SecurityToken is not JsonWebToken valid)
        {
            throw new InvalidOperationException("a token of the suite's shape did not validate: " + result.Exception?.Message);
        }
        DbClaims.FromVerifiedToken(Base64UrlEncoder.Decode(valid.EncodedPayload));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Token validation warm before listening")]
    private static partial void LogWarm(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Token keys not fetched at start ({Reason}); the first request fetches them")]
    private static partial void LogKeysNotFetched(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Token validation not warmed at start ({Reason}); the first request compiles it")]
    private static partial void LogTokenPathNotWarmed(ILogger logger, string reason);
}
