using Cronos;

namespace PortfolioTracker.Operations.Scheduling;

/// <summary>
/// A job and when it is due: a cron expression (5 fields, or 6 with seconds first) in UTC.
/// <paramref name="Run"/> returns one line for the journal (what was done).
/// </summary>
public sealed record ScheduledJob(string Name, CronExpression Schedule, Func<CancellationToken, Task<string>> Run)
{
    /// <summary>Parses a cron expression of 5 fields (minute first) or 6 (second first).</summary>
    public static CronExpression ParseCron(string expression) =>
        CronExpression.Parse(expression, expression.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard);

    /// <summary>The latest occurrence in (<paramref name="after"/>, <paramref name="upTo"/>], if any: missed earlier ones are not run twice over.</summary>
    public DateTimeOffset? LatestDue(DateTimeOffset after, DateTimeOffset upTo) =>
        Schedule.GetOccurrences(after, upTo, TimeZoneInfo.Utc, fromInclusive: false, toInclusive: true).Select(d => (DateTimeOffset?)d).LastOrDefault();
}
