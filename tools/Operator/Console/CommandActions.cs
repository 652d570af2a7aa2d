using System.CommandLine;
using System.Text.Json;
using CliWrap.Exceptions;
using Npgsql;
using PortfolioTracker.Db;
using PortfolioTracker.Operations;
using PortfolioTracker.Operations.Connection;

namespace PortfolioTracker.Operator.Console;

/// <summary>
/// Gives every command the same ending: expected failures become one readable line on stderr
/// (and <c>{"error": …}</c> with <c>--json</c>) and the exit code scripts rely on; never a stack trace.
/// </summary>
public sealed class CommandActions(GlobalOptions globals, OperatorConsole console)
{
    public GlobalOptions Globals { get; } = globals;

    public void Set(Command command, Func<CommandRun, Task<int>> action) =>
        command.SetAction((parse, cancellationToken) => RunAsync(new CommandRun(parse, Globals, console, cancellationToken), action));

    private static async Task<int> RunAsync(CommandRun run, Func<CommandRun, Task<int>> action)
    {
        try
        {
            return await action(run);
        }
        catch (Exception e)
        {
            var (exitCode, message) = Describe(e);
            if (run.Json)
            {
                run.Console.Output.WriteLine(JsonSerializer.Serialize(new { error = message, exitCode }, CommandRun.JsonOptions));
            }
            run.Console.Error.WriteLine($"operator: {message}");
            return exitCode;
        }
    }

    /// <summary>The exit code and the one line an operator sees for a failure.</summary>
    public static (int ExitCode, string Message) Describe(Exception e) => e switch
    {
        ConnectionSettingsException => (ExitCodes.UsageOrConnection, e.Message),
        // Refused login, unknown database: the settings are wrong, not the data.
        PostgresException { SqlState: var state } pg when state.StartsWith("28", StringComparison.Ordinal) || state == "3D000"
            => (ExitCodes.UsageOrConnection, $"cannot log in to PostgreSQL: {pg.MessageText}"),
        PostgresException pg => (ExitCodes.ProblemsFound, $"{pg.SqlState}: {pg.MessageText}"),
        NpgsqlException { InnerException: { } inner } => (ExitCodes.UsageOrConnection, $"cannot reach PostgreSQL: {inner.Message}"),
        NpgsqlException => (ExitCodes.UsageOrConnection, $"cannot reach PostgreSQL: {e.Message}"),
        TimeoutException => (ExitCodes.UsageOrConnection, $"cannot reach PostgreSQL: {e.Message}"),
        OperationFailedException or MigrationException => (ExitCodes.ProblemsFound, e.Message),
        CommandExecutionException => (ExitCodes.ProblemsFound, e.Message),
        IOException or UnauthorizedAccessException => (ExitCodes.ProblemsFound, e.Message),
        OperationCanceledException => (ExitCodes.ProblemsFound, "cancelled"),
        _ => (ExitCodes.ProblemsFound, $"unexpected error ({e.GetType().Name}): {e.Message}"),
    };
}
