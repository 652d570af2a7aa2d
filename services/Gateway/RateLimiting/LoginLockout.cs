using PortfolioTracker.Gateway.RateLimiting.Data;

namespace PortfolioTracker.Gateway.RateLimiting;

/// <summary>
/// The per-account lockout: every login attempt on an existing account is counted before its
/// password is checked, and once an account has had <see cref="LoginLockoutLimit.MaxAttempts"/>
/// in its window, attempts are refused unchecked until the lockout ends, so the answer cannot
/// depend on the password and no Argon2id run is spent. Recorded in the database, so it holds
/// across gateway instances and a Redis outage. (Per IP, the Auth route-group limit applies.)
/// </summary>
public sealed partial class LoginLockout(LoginAttemptStore attempts, IOptions<RateLimitOptions> options, ILogger<LoginLockout> logger)
{
    private LoginLockoutLimit Limit => options.Value.LoginLockout;

    /// <summary>Null when the attempt may go on to the password check; else how long the lockout lasts.</summary>
    public async Task<TimeSpan?> CountAttemptAsync(Guid userId, CancellationToken cancellationToken)
    {
        var (count, lockoutLeft) = await attempts.CountAttemptAsync(userId, Limit, cancellationToken);
        if (count <= Limit.MaxAttempts)
        {
            return null;
        }
        if (count == Limit.MaxAttempts + 1)
        {
            LogLockedOut(userId, lockoutLeft);
        }
        return lockoutLeft > TimeSpan.Zero ? lockoutLeft : TimeSpan.FromSeconds(1);
    }

    public Task ClearAsync(Guid userId, CancellationToken cancellationToken) => attempts.ClearAsync(userId, cancellationToken);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Too many login attempts for user {UserId}; locked for {Remaining}")]
    private partial void LogLockedOut(Guid userId, TimeSpan remaining);
}
