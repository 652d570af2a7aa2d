namespace PortfolioTracker.Gateway.Tests.RateLimiting;

/// <summary>
/// The gateway with a lockout short enough to wait out: five attempts per account in ten minutes,
/// then twenty seconds locked (long enough for the test's refused attempts on a busy machine).
/// </summary>
public sealed class LoginLockoutHarness : GatewayHarness
{
    public const int MaxAttempts = 5;

    public static readonly TimeSpan Duration = TimeSpan.FromSeconds(20);

    protected override IEnumerable<KeyValuePair<string, string?>> Settings() =>
        new Dictionary<string, string?>(base.Settings())
        {
            ["RateLimits:LoginLockout:MaxAttempts"] = MaxAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["RateLimits:LoginLockout:Window"] = "00:10:00",
            ["RateLimits:LoginLockout:Duration"] = Duration.ToString(),
        };
}
