using System.Globalization;

namespace PortfolioTracker.Db;

/// <summary>The parsed command line: <c>[up | down --to N | status] [--connection CS]</c>.</summary>
public sealed record CommandLine(string Verb, int? ToVersion, string? ConnectionString)
{
    public const string Usage = """
        usage: Migrator [up | down --to N | status] [--connection "Host=...;Database=...;Username=...;Password=..."]

          up            apply pending migrations (default); creates the database if missing
          down --to N   roll back applied migrations above version N, newest first (0: all)
          status        list migrations as applied / pending / changed / unknown

        The connection string defaults to the environment variable ConnectionStrings__postgres-admin.
        After up, AUTHENTICATOR_PASSWORD, OPS_MONITOR_PASSWORD and BACKUP_READER_PASSWORD set
        the passwords of the authenticator, ops_monitor and backup_reader logins.
        """;

    public static CommandLine Parse(IReadOnlyList<string> args)
    {
        string? verb = null;
        int? toVersion = null;
        string? connectionString = null;

        for (var i = 0; i < args.Count; i++)
        {
            var (option, inlineValue) = SplitOption(args[i]);
            switch (option)
            {
                case "--connection":
                    connectionString = inlineValue ?? ValueAfter(args, ref i, option);
                    break;
                case "--to":
                    var text = inlineValue ?? ValueAfter(args, ref i, option);
                    if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var version))
                    {
                        throw new MigrationException($"--to needs a version number (0 or more), not '{text}'");
                    }

                    toVersion = version;
                    break;
                case "up" or "down" or "status" or "help" when verb is null:
                    verb = option;
                    break;
                case "--help" or "-h" when verb is null:
                    verb = "help";
                    break;
                default:
                    throw new MigrationException($"unexpected argument '{args[i]}' (see --help)");
            }
        }

        verb ??= "up";
        if (verb == "down" && toVersion is null)
        {
            throw new MigrationException("down needs --to N (use --to 0 to roll back everything)");
        }

        if (verb != "down" && toVersion is not null)
        {
            throw new MigrationException("--to only goes with down");
        }

        return new CommandLine(verb, toVersion, connectionString);
    }

    private static (string Option, string? InlineValue) SplitOption(string arg)
    {
        var equals = arg.IndexOf('=', StringComparison.Ordinal);
        return arg.StartsWith("--", StringComparison.Ordinal) && equals > 0
            ? (arg[..equals], arg[(equals + 1)..])
            : (arg, null);
    }

    private static string ValueAfter(IReadOnlyList<string> args, ref int i, string option) =>
        ++i < args.Count ? args[i] : throw new MigrationException($"{option} needs a value");
}
