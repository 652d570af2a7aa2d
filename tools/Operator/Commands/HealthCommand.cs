using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Npgsql;
using PortfolioTracker.Operations.Health;
using PortfolioTracker.Operator.Console;
using Spectre.Console;
using StackExchange.Redis;

namespace PortfolioTracker.Operator.Commands;

/// <summary>
/// <c>health</c>: the health report, read as the <c>ops_monitor</c> login. Exit code 0 without
/// alerts, 1 with any (each a line with its measured value). Thresholds:
/// <c>Operations__Health__*</c> environment variables (<see cref="HealthThresholds"/>).
/// </summary>
public static class HealthCommand
{
    public static Command Create(CommandActions actions)
    {
        var command = new Command("health",
            "Report connections, long-running and idle-in-transaction sessions, the slowest statements, table and index sizes, " +
            "unused indexes, dead tuples, cache hit ratios, provider quota and circuit breakers, and scheduled job runs, " +
            "with an alert line for each threshold crossed (Operations__Health__* settings). Exit code 1 when any alert.");
        actions.Set(command, async run =>
        {
            var thresholds = Thresholds();
            var password = MonitorLogin.ReadOrCreatePassword(run.Connection.SecretsDirectory);
            var report = await run.WithProgressAsync("health", async progress =>
            {
                progress.Report(new("monitoring login"));
                await MonitorLogin.SetPasswordAsync(run.Connection.AdminConnectionString, password, run.CancellationToken);
                await using var monitor = NpgsqlDataSource.Create(MonitorLogin.ConnectionString(run.Connection.AdminConnectionString, password));
                using var redis = await ConnectRedisAsync(run.Connection.RedisConnectionString);
                progress.Report(new("statistics"));
                return await new HealthProbe(monitor, redis, thresholds).RunAsync(run.CancellationToken);
            });
            return run.Report(report, console => Render(console, report, thresholds),
                report.Alerts.Count == 0 ? ExitCodes.Ok : ExitCodes.ProblemsFound);
        });
        return command;
    }

    private static HealthThresholds Thresholds() =>
        HealthThresholds.From(new ConfigurationBuilder().AddEnvironmentVariables().Build());

    private static async Task<IConnectionMultiplexer?> ConnectRedisAsync(string? configuration)
    {
        if (configuration is null)
        {
            return null;
        }
        var options = ConfigurationOptions.Parse(configuration);
        options.AbortOnConnectFail = false;
        options.ConnectTimeout = 2000;
        // INFO is an admin command; the report needs nothing else.
        options.AllowAdmin = true;
        return await ConnectionMultiplexer.ConnectAsync(options);
    }

    private static void Render(IAnsiConsole console, HealthReport report, HealthThresholds thresholds)
    {
        console.MarkupLine(report.Alerts.Count == 0
            ? $"[bold]Health at {report.GeneratedAt:u}[/]: [green]ok[/]"
            : $"[bold]Health at {report.GeneratedAt:u}[/]: [red]{report.Alerts.Count} alert(s)[/]");
        foreach (var alert in report.Alerts)
        {
            console.MarkupLineInterpolated($"[red]ALERT[/] {alert.Name}: {alert.Message}");
        }

        var connections = new Table().Title("connections").AddColumns("state", "count");
        foreach (var (state, count) in report.Connections.ByState)
        {
            connections.AddRow(state, N(count));
        }
        connections.AddRow(new Markup("[bold]total[/]"), new Text($"{report.Connections.Total} of {report.Connections.Max} ({report.Connections.UtilizationPercent.ToString("0.0", CultureInfo.InvariantCulture)}%)"));
        console.Write(connections);

        Sessions(console, $"queries running longer than {thresholds.LongRunningQuery}", report.LongRunningQueries);
        Sessions(console, $"idle in transaction longer than {thresholds.IdleInTransaction}", report.IdleInTransaction);

        if (!report.Statements.Available)
        {
            console.MarkupLineInterpolated($"[yellow]slowest statements unavailable: {report.Statements.Unavailable}[/]");
        }
        else
        {
            var statements = new Table().Title("slowest statements (mean)").AddColumns("mean ms", "calls", "total ms", "rows", "hit %", "query");
            foreach (var s in report.Statements.Slowest)
            {
                statements.AddRow(D(s.MeanMs), N(s.Calls), D(s.TotalMs), N(s.Rows), s.HitPercent is { } hit ? D(hit) : "", Shorten(s.Query, 80));
            }
            console.Write(statements);
        }

        var tables = new Table().Title($"largest tables (of {report.Tables.Count})").AddColumns("table", "total bytes", "table", "indexes", "live", "dead", "dead %", "last vacuum", "last analyze");
        foreach (var t in report.Tables.Take(thresholds.TopN))
        {
            tables.AddRow(t.Table, N(t.TotalBytes), N(t.TableBytes), N(t.IndexBytes), N(t.LiveTuples), N(t.DeadTuples),
                (t.DeadRatio * 100).ToString("0.0", CultureInfo.InvariantCulture), T(t.LastVacuum), T(t.LastAnalyze));
        }
        console.Write(tables);

        var unused = new Table().Title($"unused indexes ({report.UnusedIndexes.Count}; never scanned, not enforcing a key)").AddColumns("index", "table", "bytes");
        foreach (var i in report.UnusedIndexes.Take(thresholds.TopN))
        {
            unused.AddRow(i.Index, i.Table, N(i.Bytes));
        }
        console.Write(unused);

        var caches = new Table().Title("cache hit ratios").AddColumns("cache", "hits", "look-ups", "ratio");
        foreach (var c in report.Caches)
        {
            caches.AddRow(c.Cache, N(c.Hits), N(c.Lookups), c.Unavailable ?? (c.HitRatio is { } r ? r.ToString("0.00%", CultureInfo.InvariantCulture) : "no look-ups yet"));
        }
        console.Write(caches);

        var providers = new Table().Title("providers").AddColumns("service", "calls today", "daily quota", "used", "circuit", "failures");
        foreach (var p in report.Providers)
        {
            providers.AddRow(p.Service, N(p.CallsToday), p.DailyQuota is { } q ? N(q) : "", p.QuotaUsed is { } u ? u.ToString("0%", CultureInfo.InvariantCulture) : "", p.CircuitState, N(p.FailureCount));
        }
        console.Write(providers);

        var jobs = new Table().Title("scheduled jobs (latest run)").AddColumns("job", "due", "finished", "outcome", "detail");
        foreach (var j in report.Jobs)
        {
            jobs.AddRow(j.Job, T(j.DueAt), T(j.FinishedAt), j.Outcome, Shorten(j.Detail ?? "", 80));
        }
        if (report.Jobs.Count == 0)
        {
            jobs.AddRow("(none yet)", "", "", "", "");
        }
        console.Write(jobs);
    }

    private static void Sessions(IAnsiConsole console, string title, IReadOnlyList<SessionFigure> sessions)
    {
        if (sessions.Count == 0)
        {
            console.MarkupLineInterpolated($"[green]no {title}[/]");
            return;
        }
        var table = new Table().Title(title).AddColumns("pid", "user", "application", "state", "seconds", "query");
        foreach (var s in sessions)
        {
            table.AddRow(N(s.Pid), s.User ?? "", s.Application ?? "", s.State, D(s.Seconds), Shorten(s.Query ?? "", 60));
        }
        console.Write(table);
    }

    private static string N(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string D(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    private static string T(DateTimeOffset? value) => value?.ToString("u", CultureInfo.InvariantCulture) ?? "";

    private static string Shorten(string text, int length)
    {
        var line = text.ReplaceLineEndings(" ");
        return line.Length <= length ? line : line[..(length - 1)] + "…";
    }
}
