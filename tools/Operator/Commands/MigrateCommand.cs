using System.CommandLine;
using PortfolioTracker.Operations.Migrations;
using PortfolioTracker.Operator.Console;
using Spectre.Console;

namespace PortfolioTracker.Operator.Commands;

/// <summary><c>migrate up | down --to N | status</c>: the suite's migrator, run against the suite's database.</summary>
public static class MigrateCommand
{
    public static Command Create(CommandActions actions)
    {
        var up = new Command("up", "Apply every pending migration (creates the database if missing), then set the authenticator's password from .local/secrets.");
        actions.Set(up, async run =>
        {
            var applied = await new SuiteMigrations(run.Connection).UpAsync(run.CancellationToken);
            return run.Report(new { applied }, console => console.MarkupLineInterpolated(
                $"[green]applied {applied} migration(s)[/]{(applied == 0 ? " (the database was up to date)" : "")}"));
        });

        var to = new Option<int>("--to") { Description = "Keep migrations up to this version; roll back every one above it, newest first (0: all).", Required = true };
        to.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 0)
            {
                result.AddError("--to must be 0 or more");
            }
        });
        var down = new Command("down", "Roll back applied migrations above --to N, newest first.") { to };
        actions.Set(down, async run =>
        {
            var rolledBack = await new SuiteMigrations(run.Connection).DownAsync(run.Value(to), run.CancellationToken);
            return run.Report(new { rolledBack }, console => console.MarkupLineInterpolated($"[green]rolled back {rolledBack} migration(s)[/]"));
        });

        var status = new Command("status", "List migrations as applied, pending, changed or unknown (exit code 1 when any is changed or unknown).");
        actions.Set(status, async run =>
        {
            var report = await new SuiteMigrations(run.Connection).StatusAsync(run.CancellationToken);
            return run.Report(report.Migrations, console =>
            {
                var table = new Table().AddColumns("version", "name", "state", "applied at");
                foreach (var m in report.Migrations)
                {
                    var colour = m.State == "applied" ? "green" : m.State == "pending" ? "yellow" : "red";
                    table.AddRow(
                        new Text($"{m.Version:D3}"),
                        new Text(m.Name),
                        new Markup($"[{colour}]{m.State}[/]"),
                        new Text(m.AppliedAt?.ToString("u", System.Globalization.CultureInfo.InvariantCulture) ?? ""));
                }
                console.Write(table);
            }, report.HasProblems ? ExitCodes.ProblemsFound : ExitCodes.Ok);
        });

        return new Command("migrate", "Apply, roll back or list the database migrations (the suite's own migrator).") { up, down, status };
    }
}
