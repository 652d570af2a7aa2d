using System.CommandLine;
using PortfolioTracker.Operations.Connection;

namespace PortfolioTracker.Operator.Console;

/// <summary>Options every command accepts (recursive on the root command).</summary>
public sealed class GlobalOptions
{
    public Option<bool> Json { get; } = new("--json")
    {
        Description = "Print one JSON document on stdout instead of tables (errors too, as {\"error\": …}).",
        Recursive = true,
    };

    public Option<string?> Connection { get; } = new("--connection")
    {
        Description = "An administrator's PostgreSQL connection string. Default: ConnectionStrings__postgres-admin, else the suite ./run.sh started (127.0.0.1:55432, password from .local/secrets).",
        Recursive = true,
    };

    public Option<string?> StateDirectory { get; } = new("--state-dir")
    {
        Description = "The suite's state folder (secrets, keys, backup key). Default: LocalState__Directory, else the nearest .local/ above the current folder.",
        Recursive = true,
    };

    public Option<string?> Redis { get; } = new("--redis")
    {
        Description = "A Redis connection (host:port,password=…). Default: ConnectionStrings__redis, else the suite ./run.sh started.",
        Recursive = true,
    };

    public void AddTo(Command root)
    {
        root.Options.Add(Json);
        root.Options.Add(Connection);
        root.Options.Add(StateDirectory);
        root.Options.Add(Redis);
    }

    public ConnectionOverrides Overrides(ParseResult parse) => new(
        parse.GetValue(Connection),
        parse.GetValue(StateDirectory),
        parse.GetValue(Redis));
}
