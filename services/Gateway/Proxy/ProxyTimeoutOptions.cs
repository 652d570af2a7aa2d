using System.ComponentModel.DataAnnotations;
using PortfolioTracker.ServiceDefaults.Validation;

namespace PortfolioTracker.Gateway.Proxy;

/// <summary>
/// How long the gateway waits for a service (section <c>Gateway:Proxy</c>). A service that is
/// down is noticed by the health probe and answered 503 at once; these limits bound a call to a
/// service that accepted it but does not answer.
/// </summary>
public sealed class ProxyTimeoutOptions
{
    public const string Section = "Gateway:Proxy";

    /// <summary>GETs and Get/List RPCs: whole call.</summary>
    [TimeSpanRange("00:00:01", "00:10:00")]
    public TimeSpan Reads { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Creates, updates and deletes: whole call.</summary>
    [TimeSpanRange("00:00:01", "00:10:00")]
    public TimeSpan Writes { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>File imports (all rows in one transaction): whole call.</summary>
    [TimeSpanRange("00:00:01", "00:30:00")]
    public TimeSpan Imports { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Streams have no total limit (a service ends each when its token expires); this is the
    /// longest silence allowed on one, longer than the services' own stream idle timeout
    /// (<c>Streams:IdleTimeout</c>, 5 minutes) so they end a quiet stream cleanly first.
    /// </summary>
    [TimeSpanRange("00:00:05", "01:00:00")]
    public TimeSpan StreamIdle { get; set; } = TimeSpan.FromMinutes(6);

    /// <summary>Opening a TCP connection to a service.</summary>
    [TimeSpanRange("00:00:00.100", "00:01:00")]
    public TimeSpan Connect { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How often each service's <c>/alive</c> is probed.</summary>
    [TimeSpanRange("00:00:00.200", "00:01:00")]
    public TimeSpan HealthProbeInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>A probe not answered within this counts as a failure.</summary>
    [TimeSpanRange("00:00:00.100", "00:01:00")]
    public TimeSpan HealthProbeTimeout { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan For(ProxyRouteGroup group) => group switch
    {
        ProxyRouteGroup.Reads => Reads,
        ProxyRouteGroup.Writes => Writes,
        ProxyRouteGroup.Imports => Imports,
        _ => Timeout.InfiniteTimeSpan,
    };
}
