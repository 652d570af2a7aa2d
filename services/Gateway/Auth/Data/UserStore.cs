using Npgsql;

namespace PortfolioTracker.Gateway.Auth.Data;

/// <summary><c>auth.users</c>, reached only as <c>auth_admin</c>.</summary>
public sealed class UserStore(RlsDatabase database)
{
    /// <summary>
    /// Creates the user together with the first refresh token of a new family, in one
    /// transaction; null when the email is already taken (in any letter case).
    /// </summary>
    public async Task<UserRecord?> CreateAsync(
        string email, string passwordHash, string refreshTokenHash, TimeSpan refreshLifetime, CancellationToken cancellationToken)
    {
        try
        {
            return await database.RunAsync(DbClaims.AuthAdmin, async session =>
            {
                var id = await session.ExecuteScalarAsync<Guid>(
                    "insert into auth.users (email, password_hash, last_sign_in_at) values ($1, $2, now()) returning id",
                    cancellationToken, email, passwordHash);
                await RefreshTokenStore.InsertAsync(session, id, Guid.NewGuid(), refreshTokenHash, refreshLifetime, cancellationToken);
                return new UserRecord(id, email);
            }, cancellationToken);
        }
        catch (PostgresException exception) when (exception is { SqlState: PostgresErrorCodes.UniqueViolation, TableName: "users" })
        {
            return null;
        }
    }

    public Task<UserCredentials?> FindByEmailAsync(string email, CancellationToken cancellationToken) =>
        database.RunAsync(DbClaims.AuthAdmin, async session =>
        {
            // lower(email) on both sides so the unique index on lower(email) serves the look-up.
            await using var reader = await session.ExecuteReaderAsync(
                "select id, email, password_hash from auth.users where lower(email) = lower($1)",
                cancellationToken, email);
            return await reader.ReadAsync(cancellationToken)
                ? new UserCredentials(reader.GetGuid(0), reader.GetString(1), reader.GetString(2))
                : null;
        }, cancellationToken);

    /// <summary>
    /// Stamps the sign-in and starts a new refresh-token family; false when the user was
    /// deleted since its password was checked.
    /// </summary>
    public Task<bool> RecordSignInAsync(
        Guid userId, string refreshTokenHash, TimeSpan refreshLifetime, CancellationToken cancellationToken) =>
        database.RunAsync(DbClaims.AuthAdmin, async session =>
        {
            var updated = await session.ExecuteNonQueryAsync(
                "update auth.users set last_sign_in_at = now() where id = $1", cancellationToken, userId);
            if (updated == 0)
            {
                return false;
            }
            await RefreshTokenStore.InsertAsync(session, userId, Guid.NewGuid(), refreshTokenHash, refreshLifetime, cancellationToken);
            return true;
        }, cancellationToken);
}
