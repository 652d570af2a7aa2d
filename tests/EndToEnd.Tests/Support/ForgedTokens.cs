using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using PortfolioTracker.ServiceDefaults.Auth;

namespace PortfolioTracker.EndToEnd.Tests.Support;

/// <summary>Tokens an attacker or a broken client might present, and one the operator mints.</summary>
public static class ForgedTokens
{
    public static string Expired(string signingKeyPath, string keyId, Guid userId)
    {
        var now = DateTime.UtcNow;
        return Sign(LoadKey(signingKeyPath), keyId, userId, "authenticated", now.AddHours(-2), now.AddHours(-1));
    }

    /// <summary>Right shape and key id, signed by a key the gateway never published.</summary>
    public static string SignedByAnotherKey(string keyId, Guid userId)
    {
        var now = DateTime.UtcNow;
        return Sign(ECDsa.Create(ECCurve.NamedCurves.nistP256), keyId, userId, "authenticated", now, now.AddMinutes(10));
    }

    /// <summary>The real key, minting a service-role token (what the operator command does).</summary>
    public static string ServiceRole(string signingKeyPath, string keyId)
    {
        var now = DateTime.UtcNow;
        return Sign(LoadKey(signingKeyPath), keyId, null, "service_role", now, now.AddMinutes(10));
    }

    /// <summary>A valid user token rewritten with <c>alg: none</c> and no signature.</summary>
    public static string AlgNone(string validToken)
    {
        var parts = validToken.Split('.');
        var header = Base64UrlEncoder.Encode("""{"alg":"none","typ":"JWT"}""");
        return $"{header}.{parts[1]}.";
    }

    /// <summary>A valid token whose payload now claims another user; the signature is left as it was.</summary>
    public static string WithPayloadClaimingUser(string validToken, Guid otherUserId)
    {
        var parts = validToken.Split('.');
        var payload = JsonNode.Parse(Base64UrlEncoder.Decode(parts[1]))!.AsObject();
        payload["sub"] = otherUserId.ToString();
        return $"{parts[0]}.{Base64UrlEncoder.Encode(payload.ToJsonString())}.{parts[2]}";
    }

    private static ECDsa LoadKey(string path)
    {
        var key = ECDsa.Create();
        key.ImportFromPem(File.ReadAllText(path));
        return key;
    }

    private static string Sign(ECDsa key, string keyId, Guid? userId, string role, DateTime notBefore, DateTime expires)
    {
        var claims = new Dictionary<string, object> { ["role"] = role };
        if (userId is { } id)
        {
            claims["sub"] = id.ToString();
        }
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = TokenSettings.DefaultIssuer,
            Audience = TokenSettings.DefaultAudience,
            Claims = claims,
            IssuedAt = notBefore,
            NotBefore = notBefore,
            Expires = expires,
            SigningCredentials = new SigningCredentials(new ECDsaSecurityKey(key) { KeyId = keyId }, SecurityAlgorithms.EcdsaSha256),
        });
    }
}
