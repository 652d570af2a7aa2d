using System.Globalization;

namespace PortfolioTracker.Metrics.Gateway;

/// <summary>What to run: the history sizes, how many paired calls per figure, the concurrent phase, and where to write the table.</summary>
public sealed record BenchOptions(
    Uri Gateway,
    IReadOnlyList<int> Sizes,
    int Calls,
    int Clients,
    TimeSpan Concurrent,
    RestartMode Restart,
    string? ReportPath)
{
    public const string Usage = """
        usage: dotnet run -c Release --project bench/Metrics.Gateway -- [options]
          --sizes 10000,100000     transactions per fresh user, imported through POST /v1/transactions:import
          --calls 40               paired calls per figure (each workload call next to a GET /v1/profile)
          --imports 9              imports of a 10,000-row file, each into a new account, for the import figure (p50)
          --clients 16             concurrent clients of the throughput phase
          --duration 00:00:30      length of each throughput phase (mixed reads, then bare /health)
          --restart term|kill|skip term: stop the Portfolio and MarketData processes with SIGTERM, as a
                                   deploy or an operator's restart does, wait for them to exit and for the
                                   suite's supervisor to start them again (default); kill: SIGKILL, a crash
                                   (pending work is lost); skip: leave out that figure
          --after-restart <token>  only the figure "first summary after a restart", for a user created by an
                                   earlier run (its token is printed), after a manual restart of the services
          --restarts <n>           with --after-restart: restart the services n times here (as --restart says)
                                   and time the first summary after each, instead of one call after a manual restart
          --settle off|on          off: each phase begins at once (default). on: before each phase (the import
                                   figure, each user's figures, the restart, the throughput), wait until the
                                   machine's CPUs are quiet, and after imports at least until autovacuum has
                                   had its turn, so the work the run's own imports leave behind does not share
                                   the two cores with the calls measured next (an experiment: bench/README.md)
          --gateway http://127.0.0.1:8080
          --report <file.md>       also write the Markdown table to this file (e.g. bench/results/metrics-gateway.md)
          --help
        Start the suite first with ./run.sh (Release). The gateway's per-user budgets (reads 300/min, imports
        10/min) pace the run: a 429 waits for Retry-After and is not counted. For the throughput phase, start the
        suite with raised budgets (see bench/README.md), otherwise it measures the rate limiter.
        """;

    public string? AfterRestartToken { get; init; }

    /// <summary>Imports of one 10,000-row file, each into a new account: the import figure is their p50.</summary>
    public int Imports { get; init; } = 9;

    /// <summary>Whether each phase first waits for a quiet machine (<see cref="QuietMachine"/>).</summary>
    public bool Settle { get; init; }

    /// <summary>With <see cref="AfterRestartToken"/>: how many restarts to run here (0: one call after a manual restart).</summary>
    public int Restarts { get; init; }

    public static BenchOptions? Parse(string[] args)
    {
        var options = new BenchOptions(
            Gateway: new Uri("http://127.0.0.1:8080"),
            Sizes: [10_000, 100_000],
            Calls: 40,
            Clients: 16,
            Concurrent: TimeSpan.FromSeconds(30),
            Restart: RestartMode.Term,
            ReportPath: null);
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--sizes" when value is not null && TryParseSizes(value, out var sizes):
                    options = options with { Sizes = sizes };
                    break;
                case "--calls" when value is not null && int.TryParse(value, CultureInfo.InvariantCulture, out var calls) && calls is >= 5 and <= 1000:
                    options = options with { Calls = calls };
                    break;
                case "--imports" when value is not null && int.TryParse(value, CultureInfo.InvariantCulture, out var imports) && imports is > 0 and <= 50:
                    options = options with { Imports = imports };
                    break;
                case "--clients" when value is not null && int.TryParse(value, CultureInfo.InvariantCulture, out var clients) && clients is > 0 and <= 256:
                    options = options with { Clients = clients };
                    break;
                case "--duration" when value is not null && TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out var duration) && duration > TimeSpan.Zero:
                    options = options with { Concurrent = duration };
                    break;
                case "--restart" when value is "term" or "kill" or "skip":
                    options = options with { Restart = value switch { "term" => RestartMode.Term, "kill" => RestartMode.Kill, _ => RestartMode.Skip } };
                    break;
                case "--after-restart" when value is not null:
                    options = options with { AfterRestartToken = value };
                    break;
                case "--restarts" when value is not null && int.TryParse(value, CultureInfo.InvariantCulture, out var restarts) && restarts is > 0 and <= 100:
                    options = options with { Restarts = restarts };
                    break;
                case "--settle" when value is "on" or "off":
                    options = options with { Settle = value == "on" };
                    break;
                case "--gateway" when value is not null && Uri.TryCreate(value, UriKind.Absolute, out var gateway) && gateway.IsLoopback:
                    options = options with { Gateway = gateway };
                    break;
                case "--report" when value is not null:
                    options = options with { ReportPath = value };
                    break;
                default:
                    return null; // --help lands here too
            }
            i++;
        }
        return options;
    }

    private static bool TryParseSizes(string text, out IReadOnlyList<int> sizes)
    {
        var parsed = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => int.TryParse(s, NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : -1)
            .ToList();
        sizes = parsed;
        return parsed.Count > 0 && parsed.All(n => n > 0);
    }
}

public enum RestartMode
{
    /// <summary>SIGTERM: a graceful stop (a deploy, an operator's restart).</summary>
    Term,

    /// <summary>SIGKILL: a crash.</summary>
    Kill,
    Skip,
}
