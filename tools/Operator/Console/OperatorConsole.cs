using Spectre.Console;

namespace PortfolioTracker.Operator.Console;

/// <summary>
/// Where a command writes: Spectre's console for people (tables, progress), plain writers for
/// JSON and errors. Tests pass their own writers.
/// </summary>
public sealed class OperatorConsole(IAnsiConsole ansi, TextWriter output, TextWriter error)
{
    /// <summary>Tables, lines and progress bars for a person.</summary>
    public IAnsiConsole Ansi { get; } = ansi;

    /// <summary>stdout: a command's JSON document, or a bare value such as a token.</summary>
    public TextWriter Output { get; } = output;

    /// <summary>stderr: error lines and notes that must not mix into a script's stdout.</summary>
    public TextWriter Error { get; } = error;

    public static OperatorConsole System() =>
        new(AnsiConsole.Console, global::System.Console.Out, global::System.Console.Error);

    /// <summary>A console that writes plain text to the given writers (tests, redirected output).</summary>
    public static OperatorConsole Plain(TextWriter output, TextWriter error) =>
        new(AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        }), output, error);
}
