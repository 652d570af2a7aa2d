namespace PortfolioTracker.Gateway.RateLimiting.Data;

/// <summary>
/// Login attempts per normalised email in <c>auth.login_attempts</c> (migration 040), keyed by the
/// email's SHA-256 whether or not an account has that email, reached as <c>auth_admin</c>.
/// </summary>
public sealed class LoginAttemptStore(RlsDatabase database)
{
    /// <summary>
    /// Counts one more attempt and returns the count and, once it is past <paramref name="limit"/>'s
    /// maximum, how long the lockout has left. The row holds either a counting window (count up to
    /// the maximum, <c>window_start</c> its start) or a lockout (count past it, <c>window_start</c>
    /// the first refusal); whichever has ended starts over at this attempt. One statement under the
    /// row's lock, so parallel attempts are counted one by one and none slips past the limit. The
    /// count stops one past the first refusal: beyond that only the fact matters.
    /// </summary>
    public Task<(int Attempts, TimeSpan LockoutLeft)> CountAttemptAsync(string email, LoginLockoutLimit limit, CancellationToken cancellationToken) =>
        database.RunAsync(DbClaims.AuthAdmin, async session =>
        {
            // $2 counting window, $3 maximum attempts, $4 lockout duration.
            await using var reader = await session.ExecuteReaderAsync(
                """
                insert into auth.login_attempts as r (email_hash) values (sha256(convert_to($1, 'UTF8')))
                on conflict (email_hash) do update set
                  attempt_count = case
                    when r.window_start + (case when r.attempt_count > $3 then $4 else $2 end) <= now() then 1
                    else least(r.attempt_count + 1, $3 + 2) end,
                  window_start = case
                    when r.window_start + (case when r.attempt_count > $3 then $4 else $2 end) <= now() then now()
                    when r.attempt_count = $3 then now()
                    else r.window_start end,
                  last_attempt = now()
                returning attempt_count, window_start + $4 - now()
                """,
                cancellationToken, email, limit.Window, limit.MaxAttempts, limit.Duration);
            await reader.ReadAsync(cancellationToken);
            return (reader.GetInt32(0), reader.GetFieldValue<TimeSpan>(1));
        }, cancellationToken);

    /// <summary>A successful login starts the count afresh.</summary>
    public Task ClearAsync(string email, CancellationToken cancellationToken) =>
        database.RunAsync(DbClaims.AuthAdmin, session =>
            session.ExecuteNonQueryAsync("delete from auth.login_attempts where email_hash = sha256(convert_to($1, 'UTF8'))", cancellationToken, email),
            cancellationToken);
}
