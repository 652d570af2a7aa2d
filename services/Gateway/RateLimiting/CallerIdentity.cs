using System.Net;
using System.Net.Sockets;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using PortfolioTracker.Gateway.Auth;
using PortfolioTracker.ServiceDefaults.Auth;

namespace PortfolioTracker.Gateway.RateLimiting;

/// <summary>
/// Who a request's budget belongs to: the user of a bearer token this gateway signed (verified
/// here, signature first, with the key it signs with), otherwise the client's IP address. A token
/// that does not verify is ignored, never decoded, so a forged <c>sub</c> cannot spend, or escape
/// into, someone else's budget.
/// </summary>
public sealed class CallerIdentity(SigningKey signingKey, AuthOptions authOptions)
{
    private const string BearerPrefix = "Bearer ";
    private static readonly JsonWebTokenHandler Handler = new() { MapInboundClaims = false };

    // The same issuer, audience, algorithm and lifetime rules the services apply.
    private readonly TokenValidationParameters _validation = CreateValidation(signingKey, authOptions);

    /// <summary>The partition key: <c>user:{id}</c>, <c>service</c> or <c>ip:{address}</c>.</summary>
    public async ValueTask<string> ResolveAsync(HttpContext context)
    {
        var authorization = context.Request.Headers.Authorization.ToString();
        if (authorization.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            var result = await Handler.ValidateTokenAsync(authorization[BearerPrefix.Length..].Trim(), _validation);
            if (result.IsValid)
            {
                return result.Claims.TryGetValue(JwtRegisteredClaimNames.Sub, out var subject) && subject is string { Length: > 0 } user
                    ? "user:" + user
                    : "service";
            }
        }
        return "ip:" + ClientAddress(context.Connection.RemoteIpAddress);
    }

    /// <summary>
    /// IPv4 as is; IPv6 by its /64, the block one subscriber usually holds, so rotating through
    /// its addresses does not multiply the budget.
    /// </summary>
    public static string ClientAddress(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    private static TokenValidationParameters CreateValidation(SigningKey signingKey, AuthOptions authOptions)
    {
        var validation = new TokenSettings { Issuer = authOptions.Issuer, Audience = authOptions.Audience }.ValidationParameters();
        validation.IssuerSigningKey = signingKey.Credentials.Key;
        return validation;
    }
}
