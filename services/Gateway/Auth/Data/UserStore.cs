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

    public Task<UserCredentials?> FindByIdAsync(Guid userId, CancellationToken cancellationToken) =>
        database.RunAsync(DbClaims.AuthAdmin, async session =>
        {
            await using var reader = await session.ExecuteReaderAsync(
                "select id, email, password_hash from auth.users where id = $1", cancellationToken, userId);
            return await reader.ReadAsync(cancellationToken)
                ? new UserCredentials(reader.GetGuid(0), reader.GetString(1), reader.GetString(2))
                : null;
        }, cancellationToken);

    /// <summary>The account row as JSON for the user's own export: everything but the password hash.</summary>
    public Task<string?> AccountJsonAsync(Guid userId, CancellationToken cancellationToken) =>
        database.RunAsync(DbClaims.AuthAdmin, session => session.ExecuteScalarAsync<string>(
            "select (to_jsonb(u) - 'password_hash')::text from auth.users u where u.id = $1", cancellationToken, userId), cancellationToken);

    /// <summary>
    /// Deletes the account in one transaction; every row the user owns goes with it (each user
    /// table's user_id references auth.users on delete cascade). False when it was already gone.
    /// </summary>
    public Task<bool> DeleteAsync(Guid userId, CancellationToken cancellationToken) =>
        database.RunAsync(DbClaims.AuthAdmin, async session =>
            await session.ExecuteNonQueryAsync("delete from auth.users where id = $1", cancellationToken, userId) == 1, cancellationToken);
}
