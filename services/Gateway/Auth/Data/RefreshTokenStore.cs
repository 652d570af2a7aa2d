namespace PortfolioTracker.Gateway.Auth.Data;

/// <summary>
/// <c>auth.refresh_tokens</c>: only SHA-256 hashes are stored. Each sign-in starts a family;
/// each refresh replaces one token of it by the next.
/// </summary>
public sealed class RefreshTokenStore(RlsDatabase database)
{
    internal static Task InsertAsync(
        RlsSession session, Guid userId, Guid familyId, string tokenHash, TimeSpan lifetime, CancellationToken cancellationToken) =>
        session.ExecuteNonQueryAsync(
            "insert into auth.refresh_tokens (user_id, token_hash, family_id, expires_at) values ($1, $2, $3, now() + $4)",
            cancellationToken, userId, tokenHash, familyId, lifetime);

    /// <summary>
    /// Replaces the presented token by <paramref name="nextTokenHash"/>, in one transaction. The
    /// next token expires after <paramref name="lifetime"/> but never later than
    /// <paramref name="sessionLifetime"/> after the family's first token (the login).
    /// </summary>
    public Task<RotationResult> RotateAsync(
        string presentedTokenHash, string nextTokenHash, TimeSpan lifetime, TimeSpan sessionLifetime, CancellationToken cancellationToken) =>
        database.RunAsync(DbClaims.AuthAdmin, async session =>
        {
            Guid tokenId, userId, familyId;
            string email;
            bool revoked, rotated, expired;
            DateTime sessionEnds;

            // FOR UPDATE: two concurrent refreshes with one token serialize here, and the second
            // sees the first's revocation, so a token is never rotated twice.
            await using (var reader = await session.ExecuteReaderAsync(
                """
                select t.id, t.user_id, t.family_id, u.email,
                       t.revoked_at is not null, t.replaced_by is not null,
                       t.expires_at <= now() or s.ends_at <= now(), s.ends_at
                from auth.refresh_tokens t
                join auth.users u on u.id = t.user_id
                cross join lateral (
                    select min(f.created_at) + $2 as ends_at from auth.refresh_tokens f where f.family_id = t.family_id
                ) s
                where t.token_hash = $1
                for update of t
                """, cancellationToken, presentedTokenHash, sessionLifetime))
            {
                if (!await reader.ReadAsync(cancellationToken))
                {
                    return new RotationResult(RotationOutcome.Invalid, null, null);
                }
                (tokenId, userId, familyId, email) = (reader.GetGuid(0), reader.GetGuid(1), reader.GetGuid(2), reader.GetString(3));
                (revoked, rotated, expired) = (reader.GetBoolean(4), reader.GetBoolean(5), reader.GetBoolean(6));
                sessionEnds = reader.GetDateTime(7);
            }

            var user = new UserRecord(userId, email);
            if (revoked)
            {
                // Whoever holds a dead token of a family may hold its live one: end them all.
                await RevokeFamilyAsync(session, familyId, cancellationToken);
                return new RotationResult(rotated ? RotationOutcome.Reused : RotationOutcome.Invalid, user, familyId);
            }
            if (expired)
            {
                return new RotationResult(RotationOutcome.Invalid, user, familyId);
            }

            var nextId = await session.ExecuteScalarAsync<Guid>(
                "insert into auth.refresh_tokens (user_id, token_hash, family_id, expires_at) values ($1, $2, $3, least(now() + $4, $5)) returning id",
                cancellationToken, userId, nextTokenHash, familyId, lifetime, sessionEnds);
            await session.ExecuteNonQueryAsync(
                "update auth.refresh_tokens set revoked_at = now(), replaced_by = $2 where id = $1",
                cancellationToken, tokenId, nextId);
            return new RotationResult(RotationOutcome.Rotated, user, familyId);
        }, cancellationToken);

    /// <summary>Revokes every live token of the presented token's family; unknown tokens change nothing.</summary>
    public Task<int> RevokeFamilyOfAsync(string tokenHash, CancellationToken cancellationToken) =>
        database.RunAsync(DbClaims.AuthAdmin, session => session.ExecuteNonQueryAsync(
            """
            update auth.refresh_tokens set revoked_at = now()
            where family_id = (select family_id from auth.refresh_tokens where token_hash = $1)
              and revoked_at is null
            """, cancellationToken, tokenHash), cancellationToken);

    private static Task<int> RevokeFamilyAsync(RlsSession session, Guid familyId, CancellationToken cancellationToken) =>
        session.ExecuteNonQueryAsync(
            "update auth.refresh_tokens set revoked_at = now() where family_id = $1 and revoked_at is null",
            cancellationToken, familyId);
}
