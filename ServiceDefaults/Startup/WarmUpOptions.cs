using System.ComponentModel.DataAnnotations;
using PortfolioTracker.ServiceDefaults.Validation;

namespace PortfolioTracker.ServiceDefaults.Startup;

/// <summary>How a service warms up before it listens (section <c>WarmUp</c>; <see cref="StartupWarmUp"/>).</summary>
public sealed class WarmUpOptions
{
    public const string Section = "WarmUp";

    /// <summary><c>false</c> starts listening at once, cold.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// The longest the warm-up may hold the start (a database still starting is retried within
    /// it); past it the service listens anyway, cold, and says so in its log.
    /// </summary>
    [TimeSpanRange("00:00:01", "00:02:00")]
    public TimeSpan Limit { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Database connections opened into the pool, in parallel.</summary>
    [Range(1, 16)]
    public int Connections { get; set; } = 4;
}
