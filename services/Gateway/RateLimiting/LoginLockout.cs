using PortfolioTracker.Gateway.RateLimiting.Data;

namespace PortfolioTracker.Gateway.RateLimiting;

/// <summary>
/// The per-email lockout: every login attempt is counted by its normalised email before anything
/// else, whether or not an account has that email (so the lockout cannot reveal which emails are
/// registered), and once an email has had <see cref="LoginLockoutLimit.MaxAttempts"/> in its
/// window, attempts are refused unchecked until the lockout ends, so the answer cannot depend on
/// the password and no Argon2id run is spent. Recorded in the database, so it holds across gateway
/// instances and a Redis outage. (Per IP, the Auth route-group limit applies.)
/// </summary>
public sealed partial class LoginLockout(LoginAttemptStore attempts, IOptions<RateLimitOptions> options, ILogger<LoginLockout> logger)
{
    private LoginLockoutLimit Limit => options.Value.LoginLockout;

    /// <summary>Null when the attempt may go on to the password check; else how long the lockout lasts.</summary>
    /// <param name="email">The normalised email the attempt names.</param>
    public async Task<TimeSpan?> CountAttemptAsync(string email, CancellationToken cancellationToken)
    {
        var (count, lockoutLeft) = await attempts.CountAttemptAsync(email, Limit, cancellationToken);
        if (count <= Limit.MaxAttempts)
        {
            return null;
        }
        if (count == Limit.MaxAttempts + 1)
        {
            LogLockedOut(lockoutLeft);
        }
        return lockoutLeft > TimeSpan.Zero ? lockoutLeft : TimeSpan.FromSeconds(1);
    }

    public Task ClearAsync(string email, CancellationToken cancellationToken) => attempts.ClearAsync(email, cancellationToken);

    // No email in the log: it is personal data, and it may be a stranger's mistyped one.
    [LoggerMessage(Level = LogLevel.Warning, Message = "Too many login attempts for one email; locked for {Remaining}")]
    private partial void LogLockedOut(TimeSpan remaining);
}
