using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;

namespace PortfolioTracker.Operations.Health;

/// <summary>
/// When a health figure becomes an alert (section <c>Operations:Health</c>). Defaults are the
/// specification's ("Automated Monitoring Setup": connection utilization 85 %, average query
/// time 2000 ms, cache hit rate 0.75; "Connection Pool Exhaustion": queries running over
/// 5 minutes); the rest are this suite's choices, named as such.
/// </summary>
public sealed class HealthThresholds
{
    public const string Section = "Operations:Health";

    /// <summary>The thresholds of <see cref="Section"/> in <paramref name="configuration"/>, validated.</summary>
    public static HealthThresholds From(IConfiguration configuration)
    {
        var thresholds = new HealthThresholds();
        configuration.GetSection(Section).Bind(thresholds);
        var errors = new List<ValidationResult>();
        if (!Validator.TryValidateObject(thresholds, new ValidationContext(thresholds), errors, validateAllProperties: true))
        {
            throw new OperationFailedException($"{Section}: {string.Join("; ", errors.Select(e => e.ErrorMessage))}");
        }
        return thresholds;
    }

    /// <summary>Connections in use as a share of <c>max_connections</c>, in percent.</summary>
    [Range(1, 100)]
    public double ConnectionUtilizationPercent { get; set; } = 85;

    /// <summary>A statement whose mean execution time (pg_stat_statements) exceeds this is slow.</summary>
    [Range(1, double.MaxValue)]
    public double SlowStatementMeanMs { get; set; } = 2000;

    /// <summary>A query running longer than this is long-running.</summary>
    public TimeSpan LongRunningQuery { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>A session idle inside a transaction longer than this holds locks and snapshots (the suite's choice).</summary>
    public TimeSpan IdleInTransaction { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Below this share of hits, a cache (Postgres buffers, Redis, the metrics cache) alerts.</summary>
    [Range(0, 1)]
    public double CacheHitRatio { get; set; } = 0.75;

    /// <summary>A cache is judged only after this many look-ups, so a fresh start does not alert (the suite's choice).</summary>
    [Range(0, long.MaxValue)]
    public long MinCacheLookups { get; set; } = 1000;

    /// <summary>Dead tuples as a share of a table's tuples above which it needs a vacuum (the suite's choice, as autovacuum's default scale factor).</summary>
    [Range(0, 1)]
    public double DeadTupleRatio { get; set; } = 0.2;

    /// <summary>A table is judged for dead tuples only from this many of them (the suite's choice).</summary>
    [Range(0, long.MaxValue)]
    public long MinDeadTuples { get; set; } = 1000;

    /// <summary>A table larger than this (with its indexes and TOAST) "needs attention" (the suite's choice).</summary>
    [Range(1, long.MaxValue)]
    public long LargeTableBytes { get; set; } = 1L << 30;

    /// <summary>Provider calls today as a share of the daily quota above which it alerts (the suite's choice).</summary>
    [Range(0, 1)]
    public double ProviderQuotaUsed { get; set; } = 0.8;

    /// <summary>Daily call quota per provider (<c>api_usage.service</c>); Alpha Vantage's free tier is 25.</summary>
    public Dictionary<string, int> ProviderDailyQuotas { get; set; } = new() { ["alpha_vantage"] = 25 };

    /// <summary>How many of the slowest statements and largest tables the report lists.</summary>
    [Range(1, 100)]
    public int TopN { get; set; } = 10;
}
