using System.CommandLine;
using PortfolioTracker.Operations.UserData;
using PortfolioTracker.Operator.Console;
using Spectre.Console;

namespace PortfolioTracker.Operator.Commands;

/// <summary><c>export-user EMAIL|ID [--out FILE]</c>: one user's rows from every user table as the documented JSON.</summary>
public static class ExportUserCommand
{
    public static Command Create(CommandActions actions)
    {
        var user = new Argument<string>("EMAIL|ID") { Description = "The user's email or id." };
        var output = new Option<string?>("--out") { Description = "The file to write (0600). Default: stdout (the summary then goes to stderr)." };
        var command = new Command("export-user", "Export one user's rows from every user table (found in the catalog, so none is forgotten) as versioned JSON (docs/user-export.md), streamed in one snapshot.")
        {
            user, output,
        };
        actions.Set(command, async run =>
        {
            var connection = run.Connection;
            var path = run.Value(output);
            if (path is null)
            {
                await using var stdout = System.Console.OpenStandardOutput();
                var streamed = await UserExport.ExportAsync(connection.AdminConnectionString, run.Value(user), stdout, run.CancellationToken);
                await run.Console.Error.WriteLineAsync($"exported user {streamed.UserId}: {streamed.Tables.Sum(t => t.Rows)} rows from {streamed.Tables.Count} tables");
                return ExitCodes.Ok;
            }
            var result = await run.WithProgressAsync("export", _ => UserExport.ExportToFileAsync(connection.AdminConnectionString, run.Value(user), Path.GetFullPath(path), run.CancellationToken));
            return run.Report(new { userId = result.UserId, file = Path.GetFullPath(path), tables = result.Tables }, console => Render(console, result.Tables, $"exported user {result.UserId} to {path}"));
        });
        return command;
    }

    public static void Render(IAnsiConsole console, IReadOnlyList<TableRows> tables, string summary)
    {
        var table = new Table().AddColumns("table", "rows");
        foreach (var t in tables)
        {
            table.AddRow(t.Table, t.Rows.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        console.Write(table);
        console.MarkupLineInterpolated($"[green]{summary}[/]: {tables.Sum(t => t.Rows):N0} rows from {tables.Count} tables");
    }
}
