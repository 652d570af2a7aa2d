using System.Diagnostics.Metrics;
using PortfolioTracker.Operations.Health;

namespace PortfolioTracker.OperationsService.Application;

/// <summary>
/// The health report's figures as OpenTelemetry observable gauges, so the Aspire dashboard
/// charts them. They show the latest reading (the scheduled health check every 5 minutes, or a
/// request of the health route); before the first one they report nothing.
/// </summary>
public sealed class HealthGauges : IDisposable
{
    public const string MeterName = "PortfolioTracker.Operations.Health";

    private readonly Meter _meter = new(MeterName);
    private volatile HealthReport? _latest;

    public HealthGauges()
    {
        _meter.CreateObservableGauge("ops.db.connections", () => Each(r => r.Connections.ByState.Select(s => Measure(s.Value, ("state", s.Key)))),
            "{connection}", "Client connections by state");
        _meter.CreateObservableGauge("ops.db.connection_utilization", () => Each(r => [Measure(r.Connections.UtilizationPercent)]),
            "%", "Client connections as a share of max_connections");
        _meter.CreateObservableGauge("ops.db.long_running_queries", () => Each(r => [Measure(r.LongRunningQueries.Count)]),
            "{query}", "Queries running longer than the threshold");
        _meter.CreateObservableGauge("ops.db.idle_in_transaction", () => Each(r => [Measure(r.IdleInTransaction.Count)]),
            "{session}", "Sessions idle in a transaction longer than the threshold");
        _meter.CreateObservableGauge("ops.db.slowest_statement_mean", () => Each(r => r.Statements.Slowest.Take(1).Select(s => Measure(s.MeanMs))),
            "ms", "Mean execution time of the slowest statement");
        _meter.CreateObservableGauge("ops.db.table_size", () => Each(r => r.Tables.Select(t => Measure(t.TotalBytes, ("table", t.Table)))),
            "By", "Table size with indexes and TOAST");
        _meter.CreateObservableGauge("ops.db.index_size", () => Each(r => r.Tables.Select(t => Measure(t.IndexBytes, ("table", t.Table)))),
            "By", "Size of a table's indexes");
        _meter.CreateObservableGauge("ops.db.dead_tuple_ratio", () => Each(r => r.Tables.Select(t => Measure(t.DeadRatio, ("table", t.Table)))),
            "1", "Dead tuples as a share of a table's tuples");
        _meter.CreateObservableGauge("ops.db.unused_indexes", () => Each(r => [Measure(r.UnusedIndexes.Count)]),
            "{index}", "Indexes never scanned that enforce no key");
        _meter.CreateObservableGauge("ops.cache.hit_ratio", () => Each(r => r.Caches.Where(c => c.HitRatio is not null).Select(c => Measure(c.HitRatio!.Value, ("cache", c.Cache)))),
            "1", "Cache hits as a share of look-ups");
        _meter.CreateObservableGauge("ops.provider.quota_used", () => Each(r => r.Providers.Where(p => p.QuotaUsed is not null).Select(p => Measure(p.QuotaUsed!.Value, ("service", p.Service)))),
            "1", "Provider calls today as a share of the daily quota");
        _meter.CreateObservableGauge("ops.provider.circuit_open", () => Each(r => r.Providers.Select(p => Measure(p.CircuitState == "open" ? 1 : 0, ("service", p.Service)))),
            "1", "1 while the provider's circuit breaker is open");
        _meter.CreateObservableGauge("ops.health.alerts", () => Each(r => [Measure(r.Alerts.Count)]),
            "{alert}", "Alerts of the latest health reading");
    }

    public HealthReport? Latest => _latest;

    public void Update(HealthReport report) => _latest = report;

    private IEnumerable<Measurement<double>> Each(Func<HealthReport, IEnumerable<Measurement<double>>> figures) =>
        _latest is { } report ? figures(report) : [];

    private static Measurement<double> Measure(double value, params (string Key, string Value)[] tags) =>
        new(value, tags.Select(t => new KeyValuePair<string, object?>(t.Key, t.Value)));

    public void Dispose() => _meter.Dispose();
}
