namespace PortfolioTracker.Gateway.RateLimiting.Data;

/// <summary>
/// Login attempts per account in <c>public.rate_limits</c> (action <c>login</c>), reached as
/// <c>auth_admin</c>, whose policy admits that action's rows only (migration 021).
/// </summary>
public sealed class LoginAttemptStore(RlsDatabase database)
{
    public const string Action = "login";

    /// <summary>
    /// Counts one more attempt in the account's current window (a new window once the last one
    /// has ended) and returns the count with the time left in the window. One statement under the
    /// row's lock, so parallel attempts are counted one by one and none slips past the limit.
    /// The count stops at <paramref name="cap"/>: past the limit only the fact matters.
    /// </summary>
    public Task<(int Attempts, TimeSpan Remaining)> CountAttemptAsync(Guid userId, TimeSpan window, int cap, CancellationToken cancellationToken) =>
        database.RunAsync(DbClaims.AuthAdmin, async session =>
        {
            await using var reader = await session.ExecuteReaderAsync(
                """
                insert into public.rate_limits as r (user_id, action) values ($1, $2)
                on conflict (user_id, action) do update set
                  attempt_count = case when r.window_start + $3 <= now() then 1 else least(r.attempt_count + 1, $4) end,
                  window_start  = case when r.window_start + $3 <= now() then now() else r.window_start end,
                  last_attempt  = now()
                returning attempt_count, window_start + $3 - now()
                """,
                cancellationToken, userId, Action, window, cap);
            await reader.ReadAsync(cancellationToken);
            return (reader.GetInt32(0), reader.GetFieldValue<TimeSpan>(1));
        }, cancellationToken);

    /// <summary>A successful login starts the count afresh.</summary>
    public Task ClearAsync(Guid userId, CancellationToken cancellationToken) =>
        database.RunAsync(DbClaims.AuthAdmin, session =>
            session.ExecuteNonQueryAsync("delete from public.rate_limits where user_id = $1 and action = $2", cancellationToken, userId, Action),
            cancellationToken);
}
