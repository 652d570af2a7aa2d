using System.Globalization;

namespace PortfolioTracker.Operations.Health;

/// <summary>
/// Which figures of a <see cref="HealthReport"/> crossed their <see cref="HealthThresholds"/>:
/// one <see cref="HealthAlert"/> each, whose line states the measured value and the threshold.
/// Pure: no I/O, so every rule is tested on figures alone.
/// </summary>
public static class HealthRules
{
    public static IReadOnlyList<HealthAlert> Evaluate(HealthReport report, HealthThresholds thresholds)
    {
        var alerts = new List<HealthAlert>();
        var connections = report.Connections;
        if (connections.UtilizationPercent > thresholds.ConnectionUtilizationPercent)
        {
            alerts.Add(new("connection-utilization", connections.UtilizationPercent, thresholds.ConnectionUtilizationPercent,
                F($"connections at {connections.UtilizationPercent:0.0}% of max_connections ({connections.Total} of {connections.Max}), above {thresholds.ConnectionUtilizationPercent:0.#}%")));
        }
        if (report.LongRunningQueries.Count > 0)
        {
            var longest = report.LongRunningQueries.Max(s => s.Seconds);
            alerts.Add(new("long-running-queries", longest, thresholds.LongRunningQuery.TotalSeconds,
                F($"{report.LongRunningQueries.Count} queries running longer than {thresholds.LongRunningQuery.TotalSeconds:0} s (longest {longest:0} s)")));
        }
        if (report.IdleInTransaction.Count > 0)
        {
            var longest = report.IdleInTransaction.Max(s => s.Seconds);
            alerts.Add(new("idle-in-transaction", longest, thresholds.IdleInTransaction.TotalSeconds,
                F($"{report.IdleInTransaction.Count} sessions idle in a transaction longer than {thresholds.IdleInTransaction.TotalSeconds:0} s (longest {longest:0} s)")));
        }
        var slow = report.Statements.Slowest.Where(s => s.MeanMs > thresholds.SlowStatementMeanMs).ToList();
        if (slow.Count > 0)
        {
            var slowest = slow.Max(s => s.MeanMs);
            alerts.Add(new("slow-statements", slowest, thresholds.SlowStatementMeanMs,
                F($"{slow.Count} statements average more than {thresholds.SlowStatementMeanMs:0} ms (slowest {slowest:0.#} ms)")));
        }
        foreach (var cache in report.Caches)
        {
            if (cache.Unavailable is not null && cache.Cache == "redis" && cache.Unavailable != "no Redis connection configured")
            {
                alerts.Add(new("cache-unavailable:redis", 0, 0, $"redis: {cache.Unavailable}"));
            }
            else if (cache.HitRatio is { } ratio && cache.Lookups >= thresholds.MinCacheLookups && ratio < thresholds.CacheHitRatio)
            {
                alerts.Add(new($"cache-hit-ratio:{cache.Cache}", ratio, thresholds.CacheHitRatio,
                    F($"{cache.Cache} hit ratio {ratio:0.00%} ({cache.Hits} of {cache.Lookups} look-ups), below {thresholds.CacheHitRatio:0.#%}")));
            }
        }
        foreach (var table in report.Tables)
        {
            if (table.DeadTuples >= thresholds.MinDeadTuples && table.DeadRatio > thresholds.DeadTupleRatio)
            {
                alerts.Add(new($"dead-tuples:{table.Table}", table.DeadRatio, thresholds.DeadTupleRatio,
                    F($"{table.Table} has {table.DeadTuples} dead tuples, {table.DeadRatio:0.0%} of its rows, above {thresholds.DeadTupleRatio:0.#%}")));
            }
            if (table.TotalBytes > thresholds.LargeTableBytes)
            {
                alerts.Add(new($"large-table:{table.Table}", table.TotalBytes, thresholds.LargeTableBytes,
                    F($"{table.Table} takes {table.TotalBytes} bytes with its indexes, above {thresholds.LargeTableBytes}")));
            }
        }
        foreach (var provider in report.Providers)
        {
            if (provider.QuotaUsed is { } used && used >= thresholds.ProviderQuotaUsed)
            {
                alerts.Add(new($"provider-quota:{provider.Service}", used, thresholds.ProviderQuotaUsed,
                    F($"{provider.Service} used {provider.CallsToday} of {provider.DailyQuota} calls today ({used:0%}), at or above {thresholds.ProviderQuotaUsed:0%}")));
            }
            if (provider.CircuitState == "open")
            {
                alerts.Add(new($"circuit-open:{provider.Service}", provider.FailureCount, 0,
                    F($"{provider.Service} circuit breaker is open after {provider.FailureCount} failures")));
            }
        }
        foreach (var job in report.Jobs.Where(j => j.Outcome == "failed"))
        {
            alerts.Add(new($"job-failed:{job.Job}", 1, 0, F($"job {job.Job} due {job.DueAt:u} failed: {job.Detail}")));
        }
        return alerts;
    }

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
