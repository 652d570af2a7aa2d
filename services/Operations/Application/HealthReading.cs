using Microsoft.Extensions.Options;
using PortfolioTracker.Operations.Health;
using PortfolioTracker.OperationsService.Data;

namespace PortfolioTracker.OperationsService.Application;

/// <summary>Reads the health report and hands its figures to the gauges, so every reading also refreshes what the dashboard charts.</summary>
public sealed class HealthReading(MonitorDatabase monitor, RedisStatistics redis, IOptions<HealthThresholds> thresholds, HealthGauges gauges, TimeProvider time)
{
    public async Task<HealthReport> RunAsync(CancellationToken cancellationToken)
    {
        var report = await new HealthProbe(monitor.DataSource, redis.Connection, thresholds.Value, time).RunAsync(cancellationToken);
        gauges.Update(report);
        return report;
    }
}
