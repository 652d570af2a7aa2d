namespace PortfolioTracker.ServiceDefaults.Timing;

/// <summary>
/// The <c>ServerTiming</c> section. Off by default: the header tells a client how long the
/// database and other services took, which is for measuring the suite (bench/Metrics.Gateway),
/// not for every client.
/// </summary>
public sealed class ServerTimingOptions
{
    public const string Section = "ServerTiming";

    public bool Enabled { get; set; }
}
