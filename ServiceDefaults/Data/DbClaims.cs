using System.Text.Json;

namespace PortfolioTracker.ServiceDefaults.Data;

/// <summary>
/// Who a unit of work runs as: the Postgres role to switch to and the verified JWT
/// claims that <c>auth.uid()</c>, <c>auth.role()</c> and <c>auth.jwt()</c> read.
/// </summary>
public sealed record DbClaims
{
    public const string Authenticated = "authenticated";
    public const string ServiceRoleName = "service_role";
    public const string AuthAdminRole = "auth_admin";

    // authenticator may only become one of these; anything else in a token is refused
    // before it reaches the database.
    private static readonly HashSet<string> SwitchableRoles = [Authenticated, ServiceRoleName, AuthAdminRole];

    private DbClaims(string role, string claimsJson, Guid? userId)
    {
        Role = role;
        ClaimsJson = claimsJson;
        UserId = userId;
    }

    public string Role { get; }

    public string ClaimsJson { get; }

    public Guid? UserId { get; }

    /// <summary>Claims taken from a token whose signature, issuer, audience and expiry were verified.</summary>
    public static DbClaims FromVerifiedToken(string payloadJson)
    {
        using var document = JsonDocument.Parse(payloadJson);
        var root = document.RootElement;
        var role = root.TryGetProperty("role", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString()! : "";
        if (!SwitchableRoles.Contains(role) || role == AuthAdminRole)
        {
            throw new InvalidOperationException($"The token's role '{role}' cannot reach the database.");
        }

        Guid? userId = root.TryGetProperty("sub", out var s) && Guid.TryParse(s.GetString(), out var id) ? id : null;
        if (role == Authenticated && userId is null)
        {
            throw new InvalidOperationException("An authenticated token must carry a user id in 'sub'.");
        }
        return new DbClaims(role, payloadJson, userId);
    }

    /// <summary>The gateway's own role for its auth tables (sign-up, login, refresh).</summary>
    public static DbClaims AuthAdmin { get; } = new(AuthAdminRole, """{"role":"auth_admin"}""", null);

    /// <summary>
    /// A user's own claims (role <c>authenticated</c>, <c>sub</c> = the user) for work a verified
    /// service-role caller does for that user, so RLS isolates it exactly as the user's own token would.
    /// </summary>
    public static DbClaims ForUser(Guid userId) =>
        new(Authenticated, JsonSerializer.Serialize(new Dictionary<string, string> { ["role"] = Authenticated, ["sub"] = userId.ToString() }), userId);

    /// <summary>Server-side work that no user asked for (ingestion, maintenance).</summary>
    public static DbClaims ServiceRole { get; } = new(ServiceRoleName, """{"role":"service_role"}""", null);
}
