namespace PortfolioTracker.Operations.Health;

/// <summary>
/// The health report: every figure the specification's monitoring sections ask for, and the
/// alerts that crossed their thresholds. Figures are counts, sizes, durations and ratios (no
/// money). Nothing here names a user or carries row values.
/// </summary>
public sealed record HealthReport(
    DateTimeOffset GeneratedAt,
    ConnectionFigures Connections,
    IReadOnlyList<SessionFigure> LongRunningQueries,
    IReadOnlyList<SessionFigure> IdleInTransaction,
    StatementFigures Statements,
    IReadOnlyList<TableFigure> Tables,
    IReadOnlyList<IndexFigure> UnusedIndexes,
    IReadOnlyList<CacheFigure> Caches,
    IReadOnlyList<ProviderFigure> Providers,
    IReadOnlyList<JobRunFigure> Jobs,
    IReadOnlyList<HealthAlert> Alerts)
{
    /// <summary><c>ok</c> without alerts, otherwise <c>alert</c>.</summary>
    public string Status => Alerts.Count == 0 ? "ok" : "alert";
}

/// <summary>Connections by state (<c>active</c>, <c>idle</c>, <c>idle in transaction</c> …) against <c>max_connections</c>.</summary>
public sealed record ConnectionFigures(int Total, int Max, double UtilizationPercent, IReadOnlyDictionary<string, int> ByState);

/// <summary>A session worth a look; its query text is cut short and shown only here, never in an alert line or a log.</summary>
public sealed record SessionFigure(int Pid, string? User, string? Application, string State, double Seconds, string? Query);

/// <summary>The slowest statements by mean time, or why they are not available.</summary>
public sealed record StatementFigures(bool Available, string? Unavailable, IReadOnlyList<StatementFigure> Slowest);

/// <summary>One normalized statement of pg_stat_statements (parameters are placeholders there).</summary>
public sealed record StatementFigure(string Query, long Calls, double MeanMs, double TotalMs, long Rows, double? HitPercent);

public sealed record TableFigure(string Table, long TotalBytes, long TableBytes, long IndexBytes, long LiveTuples, long DeadTuples, double DeadRatio, DateTimeOffset? LastVacuum, DateTimeOffset? LastAnalyze);

public sealed record IndexFigure(string Index, string Table, long Bytes, long Scans);

/// <summary>A cache's hits and look-ups; <see cref="HitRatio"/> is null before the first look-up or when unreachable.</summary>
public sealed record CacheFigure(string Cache, long Hits, long Lookups, double? HitRatio, string? Unavailable = null);

/// <summary>A market-data provider's calls today against its daily quota, and its circuit breaker.</summary>
public sealed record ProviderFigure(string Service, int CallsToday, int? DailyQuota, double? QuotaUsed, string CircuitState, int FailureCount);

/// <summary>The latest run of a scheduled job.</summary>
public sealed record JobRunFigure(string Job, DateTimeOffset DueAt, DateTimeOffset StartedAt, DateTimeOffset? FinishedAt, string Outcome, string? Detail);

/// <summary>One threshold crossed: a name scripts can match, the measured value, the threshold, and one readable line.</summary>
public sealed record HealthAlert(string Name, double Measured, double Threshold, string Message);
