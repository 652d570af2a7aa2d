namespace PortfolioTracker.Gateway.Auth.Data;

/// <summary><c>auth.revoked_tokens</c>, written as <c>auth_admin</c>; the services read it.</summary>
public sealed class RevokedTokenStore(RlsDatabase database)
{
    // Longer than any token the suite has ever issued could live (service tokens were once
    // allowed a year), so a revoked id is never forgotten while its token could still verify.
    private static readonly TimeSpan Retention = TimeSpan.FromDays(366);

    /// <summary>False when the id was already revoked.</summary>
    public Task<bool> RevokeAsync(Guid tokenId, CancellationToken cancellationToken) =>
        database.RunAsync(DbClaims.AuthAdmin, async session => await session.ExecuteNonQueryAsync(
            "insert into auth.revoked_tokens (jti, expires_at) values ($1, now() + $2) on conflict (jti) do nothing",
            cancellationToken, tokenId, Retention) == 1, cancellationToken);
}
