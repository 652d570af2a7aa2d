using System.CommandLine;
using PortfolioTracker.Operator.Commands;
using PortfolioTracker.Operator.Console;

namespace PortfolioTracker.Operator;

/// <summary>The operator's commands; each lives in its own file under Commands/.</summary>
public static class OperatorCli
{
    public static RootCommand Build(OperatorConsole? console = null)
    {
        console ??= OperatorConsole.System();
        var globals = new GlobalOptions();
        var actions = new CommandActions(globals, console);
        var root = new RootCommand("Operate a Portfolio Tracker suite: migrations, tokens, backups, exports, checks, maintenance, health.");
        globals.AddTo(root);
        root.Subcommands.Add(MigrateCommand.Create(actions));
        root.Subcommands.Add(TokenCommand.Create(actions));
        root.Subcommands.Add(BackupCommand.Create(actions));
        root.Subcommands.Add(RestoreCommand.Create(actions));
        root.Subcommands.Add(RestoreDrillCommand.Create(actions));
        root.Subcommands.Add(ExportUserCommand.Create(actions));
        root.Subcommands.Add(ImportUserCommand.Create(actions));
        root.Subcommands.Add(CheckCommand.Create(actions));
        root.Subcommands.Add(HealthCommand.Create(actions));
        root.Subcommands.Add(MaintainCommand.Create(actions));
        return root;
    }

    /// <summary>
    /// Parses and runs <paramref name="args"/>. A usage error exits with 2 (System.CommandLine's
    /// own default is 1, which scripts here read as "problems found").
    /// </summary>
    public static async Task<int> RunAsync(string[] args, OperatorConsole? console = null)
    {
        console ??= OperatorConsole.System();
        var parse = Build(console).Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                await console.Error.WriteLineAsync($"operator: {error.Message}");
            }
            await console.Error.WriteLineAsync("Try --help.");
            return ExitCodes.UsageOrConnection;
        }
        return await parse.InvokeAsync(new InvocationConfiguration { Output = console.Output, Error = console.Error });
    }
}
