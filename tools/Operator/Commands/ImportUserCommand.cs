using System.CommandLine;
using PortfolioTracker.Operations.UserData;
using PortfolioTracker.Operator.Console;

namespace PortfolioTracker.Operator.Commands;

/// <summary><c>import-user FILE [--replace]</c>: writes an export back, all or nothing.</summary>
public static class ImportUserCommand
{
    public static Command Create(CommandActions actions)
    {
        var file = new Argument<string>("FILE") { Description = "A full export written by export-user." };
        var replace = new Option<bool>("--replace") { Description = "Replace the user's existing rows (in the same transaction). Without it an import over existing data is refused." };
        var command = new Command("import-user", "Import one user's export into this database in one transaction: identical rows, or nothing.")
        {
            file, replace,
        };
        actions.Set(command, async run =>
        {
            var connection = run.Connection;
            var result = await run.WithProgressAsync("import", async _ =>
            {
                await using var input = File.OpenRead(Path.GetFullPath(run.Value(file)));
                return await UserImporter.ImportAsync(connection.AdminConnectionString, input, run.Value(replace), run.CancellationToken);
            });
            return run.Report(new { userId = result.UserId, replaced = result.Replaced, tables = result.Tables },
                console => ExportUserCommand.Render(console, result.Tables, $"imported user {result.UserId}{(result.Replaced ? ", replacing the existing rows" : "")}"));
        });
        return command;
    }
}
