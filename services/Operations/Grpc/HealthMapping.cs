using System.Globalization;
using Domain = PortfolioTracker.Operations.Health;
using PortfolioTracker.Protos.Operations.V1;

namespace PortfolioTracker.OperationsService.Grpc;

/// <summary>The health report as its wire messages; times as ISO-8601 UTC text, absent values as empty text.</summary>
public static class HealthMapping
{
    public static GetHealthResponse ToResponse(Domain.HealthReport report)
    {
        var response = new GetHealthResponse
        {
            GeneratedAt = Time(report.GeneratedAt),
            Status = report.Status,
            Connections = new Connections
            {
                Total = report.Connections.Total,
                Max = report.Connections.Max,
                UtilizationPercent = report.Connections.UtilizationPercent,
                ByState = { report.Connections.ByState.ToDictionary() },
            },
            Statements = new Statements { Available = report.Statements.Available, Unavailable = report.Statements.Unavailable ?? "" },
        };
        response.Alerts.AddRange(report.Alerts.Select(a => new HealthAlert { Name = a.Name, Measured = a.Measured, Threshold = a.Threshold, Message = a.Message }));
        response.LongRunningQueries.AddRange(report.LongRunningQueries.Select(Session));
        response.IdleInTransaction.AddRange(report.IdleInTransaction.Select(Session));
        response.Statements.Slowest.AddRange(report.Statements.Slowest.Select(s =>
        {
            var statement = new Statement { Query = s.Query, Calls = s.Calls, MeanMs = s.MeanMs, TotalMs = s.TotalMs, Rows = s.Rows };
            if (s.HitPercent is { } hit)
            {
                statement.HitPercent = hit;
            }
            return statement;
        }));
        response.Tables.AddRange(report.Tables.Select(t => new TableFigure
        {
            Table = t.Table, TotalBytes = t.TotalBytes, TableBytes = t.TableBytes, IndexBytes = t.IndexBytes,
            LiveTuples = t.LiveTuples, DeadTuples = t.DeadTuples, DeadRatio = t.DeadRatio,
            LastVacuum = Time(t.LastVacuum), LastAnalyze = Time(t.LastAnalyze),
        }));
        response.UnusedIndexes.AddRange(report.UnusedIndexes.Select(i => new IndexFigure { Index = i.Index, Table = i.Table, Bytes = i.Bytes, Scans = i.Scans }));
        response.Caches.AddRange(report.Caches.Select(c =>
        {
            var cache = new CacheFigure { Cache = c.Cache, Hits = c.Hits, Lookups = c.Lookups, Unavailable = c.Unavailable ?? "" };
            if (c.HitRatio is { } ratio)
            {
                cache.HitRatio = ratio;
            }
            return cache;
        }));
        response.Providers.AddRange(report.Providers.Select(p =>
        {
            var provider = new ProviderFigure { Service = p.Service, CallsToday = p.CallsToday, CircuitState = p.CircuitState, FailureCount = p.FailureCount };
            if (p.DailyQuota is { } quota)
            {
                provider.DailyQuota = quota;
            }
            if (p.QuotaUsed is { } used)
            {
                provider.QuotaUsed = used;
            }
            return provider;
        }));
        response.Jobs.AddRange(report.Jobs.Select(j => new JobRun
        {
            Job = j.Job, DueAt = Time(j.DueAt), StartedAt = Time(j.StartedAt), FinishedAt = Time(j.FinishedAt), Outcome = j.Outcome, Detail = j.Detail ?? "",
        }));
        return response;
    }

    private static Session Session(Domain.SessionFigure s) => new()
    {
        Pid = s.Pid, User = s.User ?? "", Application = s.Application ?? "", State = s.State, Seconds = s.Seconds, Query = s.Query ?? "",
    };

    private static string Time(DateTimeOffset? value) =>
        value?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture) ?? "";
}
