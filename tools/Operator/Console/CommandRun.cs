using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Serialization;
using PortfolioTracker.Operations;
using PortfolioTracker.Operations.Connection;
using Spectre.Console;

namespace PortfolioTracker.Operator.Console;

/// <summary>
/// One invocation of a command: its parsed options, where it writes, the suite it talks to,
/// and the two ways it ends (a JSON document or something rendered for a person).
/// </summary>
public sealed class CommandRun(ParseResult parse, GlobalOptions globals, OperatorConsole console, CancellationToken cancellationToken)
{
    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private SuiteConnection? _connection;

    public ParseResult Parse { get; } = parse;

    public OperatorConsole Console { get; } = console;

    public CancellationToken CancellationToken { get; } = cancellationToken;

    /// <summary>True with <c>--json</c>: one JSON document on stdout, no tables, no progress bars.</summary>
    public bool Json => Parse.GetValue(globals.Json);

    /// <summary>The suite's database, Redis and state folder, resolved on first use.</summary>
    public SuiteConnection Connection => _connection ??= SuiteConnectionResolver.Resolve(globals.Overrides(Parse));

    /// <summary>The suite's state folder alone, for commands that need no database.</summary>
    public string StateDirectory => _connection?.StateDirectory ?? SuiteConnectionResolver.ResolveStateDirectory(globals.Overrides(Parse));

    public T Value<T>(Option<T> option) => Parse.GetValue(option)!;

    public T Value<T>(Argument<T> argument) => Parse.GetValue(argument)!;

    /// <summary>
    /// Runs <paramref name="work"/> under a progress bar when a person is watching; silently with
    /// <c>--json</c> or when the output is not a terminal (each step then becomes a plain line).
    /// </summary>
    public async Task<T> WithProgressAsync<T>(string title, Func<IProgress<OperationProgress>, Task<T>> work)
    {
        if (Json)
        {
            return await work(new InlineProgress(_ => { }));
        }
        if (!Console.Ansi.Profile.Capabilities.Interactive)
        {
            return await work(new InlineProgress(p => Console.Ansi.MarkupLineInterpolated($"[grey]{title}: {p.Step}[/]")));
        }
        return await Console.Ansi.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(title, maxValue: 1);
                task.IsIndeterminate = true;
                var result = await work(new InlineProgress(p =>
                {
                    task.Description = $"{title}: {Markup.Escape(p.Step)}";
                    task.IsIndeterminate = p.Fraction is null;
                    if (p.Fraction is { } fraction)
                    {
                        task.Value = Math.Clamp(fraction, 0, 1);
                    }
                }));
                task.Description = title;
                task.IsIndeterminate = false;
                task.Value = 1;
                return result;
            });
    }

    /// <summary>
    /// Ends the command: <paramref name="payload"/> as JSON with <c>--json</c>, otherwise
    /// whatever <paramref name="render"/> draws. Returns <paramref name="exitCode"/>.
    /// </summary>
    public int Report<T>(T payload, Action<IAnsiConsole> render, int exitCode = ExitCodes.Ok)
    {
        if (Json)
        {
            Console.Output.WriteLine(JsonSerializer.Serialize(payload, JsonOptions));
        }
        else
        {
            render(Console.Ansi);
        }
        return exitCode;
    }

    /// <summary>Reports calls at once on the caller's thread (Progress&lt;T&gt; would post them later).</summary>
    private sealed class InlineProgress(Action<OperationProgress> report) : IProgress<OperationProgress>
    {
        public void Report(OperationProgress value) => report(value);
    }
}
