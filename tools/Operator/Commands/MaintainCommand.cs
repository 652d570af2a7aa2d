using System.CommandLine;
using System.Globalization;
using Npgsql;
using PortfolioTracker.Operations.Maintenance;
using PortfolioTracker.Operator.Console;
using Spectre.Console;

namespace PortfolioTracker.Operator.Commands;

/// <summary>
/// <c>maintain daily|weekly|monthly</c>: one maintenance pass as the specification schedules
/// it (<see cref="MaintenanceCadence"/>). Exit code 1 when the monthly integrity check finds problems.
/// </summary>
public static class MaintainCommand
{
    public static Command Create(CommandActions actions)
    {
        var retention = new Option<int>("--audit-retention-days")
        {
            Description = "Monthly: audit rows older than this many days move to audit.audit_log_archive (default 183, about 6 months).",
            DefaultValueFactory = _ => (int)new MaintenanceOptions().AuditRetention.TotalDays,
        };
        retention.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 1)
            {
                result.AddError("--audit-retention-days must be 1 or more");
            }
        });
        var command = new Command("maintain", "Run the daily, weekly or monthly database maintenance as the specification schedules it.");
        foreach (var (cadence, description) in new[]
        {
            (MaintenanceCadence.Daily, "Delete expired cache rows (api_cache, portfolio_metrics_cache, portfolio_caches, user_currency_cache) and ANALYZE the busy tables."),
            (MaintenanceCadence.Weekly, "VACUUM ANALYZE transactions, historical_prices and holdings; report unused and bloated indexes."),
            (MaintenanceCadence.Monthly, "Run the integrity check, archive audit rows older than the retention age, ANALYZE the database. Exit code 1 on integrity problems."),
        })
        {
            var sub = new Command(cadence.ToString().ToLowerInvariant(), description);
            if (cadence == MaintenanceCadence.Monthly)
            {
                sub.Options.Add(retention);
            }
            actions.Set(sub, async run =>
            {
                var options = new MaintenanceOptions();
                if (cadence == MaintenanceCadence.Monthly)
                {
                    options.AuditRetention = TimeSpan.FromDays(run.Value(retention));
                }
                await using var owner = NpgsqlDataSource.Create(run.Connection.AdminConnectionString);
                var report = await run.WithProgressAsync($"maintain {sub.Name}",
                    progress => new MaintenanceRunner(owner, options).RunAsync(cadence, progress, run.CancellationToken));
                return run.Report(report, console => Render(console, report), report.HasProblems ? ExitCodes.ProblemsFound : ExitCodes.Ok);
            });
            command.Subcommands.Add(sub);
        }
        return command;
    }

    private static void Render(IAnsiConsole console, MaintenanceReport report)
    {
        var steps = new Table().Title($"maintain {report.Cadence.ToString().ToLowerInvariant()}").AddColumns("step", "detail", "rows");
        foreach (var step in report.Steps)
        {
            steps.AddRow(step.Name, step.Detail, step.Rows?.ToString(CultureInfo.InvariantCulture) ?? "");
        }
        console.Write(steps);
        if (report.Cadence == MaintenanceCadence.Weekly)
        {
            foreach (var (title, indexes) in new[] { ("unused indexes (never scanned, not enforcing a key)", report.UnusedIndexes), ("bloated indexes (over half their table's size)", report.BloatedIndexes) })
            {
                var table = new Table().Title(title).AddColumns("index", "table", "bytes", "scans");
                foreach (var index in indexes)
                {
                    table.AddRow(index.Index, index.Table, index.Bytes.ToString(CultureInfo.InvariantCulture), index.Scans.ToString(CultureInfo.InvariantCulture));
                }
                if (indexes.Count == 0)
                {
                    table.AddRow("(none)", "", "", "");
                }
                console.Write(table);
            }
        }
        if (report.Integrity is { } integrity)
        {
            if (integrity.Healthy)
            {
                console.MarkupLine("[green]Integrity: no problems found.[/]");
            }
            else
            {
                var problems = new Table().Title("integrity problems").AddColumns("check", "subject", "problem");
                foreach (var problem in integrity.Problems)
                {
                    problems.AddRow(new Text(problem.Check), new Text(problem.Subject), new Text(problem.Detail));
                }
                console.Write(problems);
            }
        }
    }
}
