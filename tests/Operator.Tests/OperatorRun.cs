using PortfolioTracker.Operator.Console;

namespace PortfolioTracker.Operator.Tests;

/// <summary>What one run of the operator CLI printed and returned.</summary>
public sealed record OperatorResult(int ExitCode, string Output, string Error)
{
    public System.Text.Json.JsonDocument Json() => System.Text.Json.JsonDocument.Parse(Output);
}

/// <summary>Runs the CLI in process, as <c>dotnet run --project tools/Operator -- args</c> would.</summary>
public static class OperatorRun
{
    public static async Task<OperatorResult> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await OperatorCli.RunAsync(args, OperatorConsole.Plain(output, error));
        return new OperatorResult(exitCode, output.ToString(), error.ToString());
    }
}
