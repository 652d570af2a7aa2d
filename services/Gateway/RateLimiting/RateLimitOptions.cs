namespace PortfolioTracker.Gateway.RateLimiting;

/// <summary>
/// The <c>RateLimits</c> configuration section: a fixed-window budget per caller (the user of a
/// verified token, otherwise the client IP) for each <see cref="RouteGroup"/>, and the failed-login
/// lockout per account.
/// </summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    public GroupLimit Auth { get; set; } = new(30, TimeSpan.FromMinutes(1));

    public GroupLimit SignUp { get; set; } = new(10, TimeSpan.FromHours(1));

    public GroupLimit Reads { get; set; } = new(300, TimeSpan.FromMinutes(1));

    public GroupLimit Writes { get; set; } = new(60, TimeSpan.FromMinutes(1));

    public GroupLimit Imports { get; set; } = new(10, TimeSpan.FromMinutes(1));

    public GroupLimit Streams { get; set; } = new(20, TimeSpan.FromMinutes(1));

    public LoginLockoutLimit LoginLockout { get; set; } = new();

    public GroupLimit For(RouteGroup group) => group switch
    {
        RouteGroup.Auth => Auth,
        RouteGroup.SignUp => SignUp,
        RouteGroup.Reads => Reads,
        RouteGroup.Writes => Writes,
        RouteGroup.Imports => Imports,
        RouteGroup.Streams => Streams,
        _ => throw new ArgumentOutOfRangeException(nameof(group), group, "This group is not limited."),
    };

    /// <summary>Every budget is at least one request per second or longer window.</summary>
    public bool IsValid() =>
        new[] { Auth, SignUp, Reads, Writes, Imports, Streams }.All(limit => limit.IsValid())
        && LoginLockout.IsValid();
}

/// <summary>At most <see cref="PermitLimit"/> requests per <see cref="Window"/>.</summary>
public sealed class GroupLimit
{
    public GroupLimit()
    {
    }

    public GroupLimit(int permitLimit, TimeSpan window)
    {
        PermitLimit = permitLimit;
        Window = window;
    }

    public int PermitLimit { get; set; }

    public TimeSpan Window { get; set; }

    // The shared limiter counts in whole seconds.
    public bool IsValid() => PermitLimit > 0 && Window >= TimeSpan.FromSeconds(1);
}

/// <summary>
/// Login attempts per account: once an account has had <see cref="MaxAttempts"/> in one
/// <see cref="Window"/> (counted from the first), every further attempt is refused, whatever the
/// password, for <see cref="Duration"/> from the first refusal. A successful login clears the count.
/// </summary>
public sealed class LoginLockoutLimit
{
    public int MaxAttempts { get; set; } = 10;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(15);

    public TimeSpan Duration { get; set; } = TimeSpan.FromMinutes(15);

    public bool IsValid() =>
        MaxAttempts is > 0 and <= 1000 && Window >= TimeSpan.FromSeconds(1) && Duration >= TimeSpan.FromSeconds(1);
}
