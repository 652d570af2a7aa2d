using System.CommandLine;
using Npgsql;
using PortfolioTracker.Operations.Integrity;
using PortfolioTracker.Operator.Console;
using Spectre.Console;

namespace PortfolioTracker.Operator.Commands;

/// <summary>
/// <c>check</c>: the integrity report. Exit code 0 when every rule holds, 1 with a table of
/// every problem (or the same as JSON).
/// </summary>
public static class CheckCommand
{
    public static Command Create(CommandActions actions)
    {
        var command = new Command("check",
            "Check the database's integrity: foreign keys, holdings against a replay of the transactions, dividend totals, " +
            "OHLC bars, row-level security and policies on every table, the authenticator role. Exit code 1 when anything is wrong.");
        actions.Set(command, async run =>
        {
            await using var owner = NpgsqlDataSource.Create(run.Connection.AdminConnectionString);
            var report = await run.WithProgressAsync("check", async progress =>
            {
                progress.Report(new($"{IntegrityCheck.Rules.Count} rules on one snapshot"));
                return await new IntegrityCheck(owner).RunAsync(run.CancellationToken);
            });
            return run.Report(new { healthy = report.Healthy, checks = report.Checks, problems = report.Problems }, console => Render(console, report),
                report.Healthy ? ExitCodes.Ok : ExitCodes.ProblemsFound);
        });
        return command;
    }

    private static void Render(IAnsiConsole console, IntegrityReport report)
    {
        var table = new Table().AddColumns("check", "result");
        foreach (var check in report.Checks)
        {
            var found = report.Problems.Count(p => p.Check == check);
            table.AddRow(new Text(check), found == 0 ? new Markup("[green]ok[/]") : new Markup($"[red]{found} problem(s)[/]"));
        }
        console.Write(table);
        if (report.Healthy)
        {
            console.MarkupLine("[green]No problems found.[/]");
            return;
        }
        var problems = new Table().AddColumns("check", "subject", "problem");
        foreach (var problem in report.Problems)
        {
            problems.AddRow(new Text(problem.Check), new Text(problem.Subject), new Text(problem.Detail));
        }
        console.Write(problems);
    }
}
