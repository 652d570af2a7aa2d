namespace PortfolioTracker.Gateway.RateLimiting.Data;

/// <summary>
/// Login attempts per account in <c>public.rate_limits</c> (action <c>login</c>), reached as
/// <c>auth_admin</c>, whose policy admits that action's rows only (migration 021).
/// </summary>
public sealed class LoginAttemptStore(RlsDatabase database)
{
    public const string Action = "login";

    /// <summary>
    /// Counts one more attempt and returns the count and, once it is past <paramref name="maxAttempts"/>,
    /// how long the lockout has left. The row holds either a counting window (count up to the
    /// maximum, <c>window_start</c> its start) or a lockout (count past it, <c>window_start</c> the
    /// first refusal); whichever has ended starts over at this attempt. One statement under the
    /// row's lock, so parallel attempts are counted one by one and none slips past the limit. The
    /// count stops one past the first refusal: beyond that only the fact matters.
    /// </summary>
    public Task<(int Attempts, TimeSpan LockoutLeft)> CountAttemptAsync(Guid userId, LoginLockoutLimit limit, CancellationToken cancellationToken) =>
        database.RunAsync(DbClaims.AuthAdmin, async session =>
        {
            // $3 counting window, $4 maximum attempts, $5 lockout duration.
            await using var reader = await session.ExecuteReaderAsync(
                """
                insert into public.rate_limits as r (user_id, action) values ($1, $2)
                on conflict (user_id, action) do update set
                  attempt_count = case
                    when r.window_start + (case when r.attempt_count > $4 then $5 else $3 end) <= now() then 1
                    else least(r.attempt_count + 1, $4 + 2) end,
                  window_start = case
                    when r.window_start + (case when r.attempt_count > $4 then $5 else $3 end) <= now() then now()
                    when r.attempt_count = $4 then now()
                    else r.window_start end,
                  last_attempt = now()
                returning attempt_count, window_start + $5 - now()
                """,
                cancellationToken, userId, Action, limit.Window, limit.MaxAttempts, limit.Duration);
            await reader.ReadAsync(cancellationToken);
            return (reader.GetInt32(0), reader.GetFieldValue<TimeSpan>(1));
        }, cancellationToken);

    /// <summary>A successful login starts the count afresh.</summary>
    public Task ClearAsync(Guid userId, CancellationToken cancellationToken) =>
        database.RunAsync(DbClaims.AuthAdmin, session =>
            session.ExecuteNonQueryAsync("delete from public.rate_limits where user_id = $1 and action = $2", cancellationToken, userId, Action),
            cancellationToken);
}
