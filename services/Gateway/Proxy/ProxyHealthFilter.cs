using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Health;

namespace PortfolioTracker.Gateway.Proxy;

/// <summary>
/// Gives every cluster, whatever the configuration file says, an active probe of the service's
/// <c>/alive</c> and an idle limit. Aspire's endpoint proxies accept connections even when the
/// service behind them is dead, so refused connections alone would never reveal it: the probe
/// does, and YARP then answers 503 at once (no healthy destination) instead of waiting.
/// </summary>
public sealed class ProxyHealthFilter(IOptions<ProxyTimeoutOptions> options) : IProxyConfigFilter
{
    public const string AlivePath = "/alive";

    // Two missed probes in a row, so one slow probe (a GC pause) does not take a service out.
    public const int FailuresBeforeUnhealthy = 2;

    public ValueTask<ClusterConfig> ConfigureClusterAsync(ClusterConfig cluster, CancellationToken cancel)
    {
        var limits = options.Value;
        var isStream = cluster.ClusterId.EndsWith("-streams", StringComparison.Ordinal);
        var metadata = new Dictionary<string, string>(cluster.Metadata ?? new Dictionary<string, string>())
        {
            [ConsecutiveFailuresHealthPolicyOptions.ThresholdMetadataName] = FailuresBeforeUnhealthy.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        return ValueTask.FromResult(cluster with
        {
            Metadata = metadata,
            HealthCheck = new HealthCheckConfig
            {
                // Not the "panic" policy, which would send calls to a dead service when no
                // destination is healthy: none healthy means 503 at once.
                AvailableDestinationsPolicy = HealthCheckConstants.AvailableDestinations.HealthyAndUnknown,
                Active = new ActiveHealthCheckConfig
                {
                    Enabled = true,
                    Interval = limits.HealthProbeInterval,
                    Timeout = limits.HealthProbeTimeout,
                    Policy = "ConsecutiveFailures",
                    Path = AlivePath,
                },
            },
            HttpRequest = (cluster.HttpRequest ?? ForwarderRequestConfig.Empty) with
            {
                // Per-group limits on whole calls are enforced by ProxyTimeouts; this idle limit
                // must not cut them first, and it is what bounds a silent stream.
                ActivityTimeout = isStream ? limits.StreamIdle : MaxOf(limits.Reads, limits.Writes, limits.Imports),
            },
        });
    }

    public ValueTask<RouteConfig> ConfigureRouteAsync(RouteConfig route, ClusterConfig? cluster, CancellationToken cancel) =>
        ValueTask.FromResult(route);

    private static TimeSpan MaxOf(params TimeSpan[] values) => values.Max();
}
