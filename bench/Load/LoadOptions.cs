using System.Globalization;

namespace PortfolioTracker.Load;

/// <summary>
/// What to run. Per user the pace stays inside the gateway's default per-user budgets (reads
/// 300, writes 60, imports 10, stream opens 20 a minute), so a refusal counts as an error.
/// </summary>
public sealed record LoadOptions(
    Uri Gateway,
    TimeSpan Duration,
    TimeSpan WarmUp,
    int Users,
    TimeSpan ReadEvery,
    TimeSpan WriteEvery,
    TimeSpan ImportEvery,
    int StreamsPerUser,
    double MaxGrowthFraction,
    long MaxGrowthFloorBytes,
    string? ReportPath)
{
    public const string Usage = """
        usage: dotnet run -c Release --project bench/Load -- [--smoke] [--duration 00:10:00] [--users 4]
               [--gateway http://127.0.0.1:8080] [--report bench/results/load.md]
          --smoke     30 s after a 10 s warm-up, 2 users: checks the driver and the suite, measures nothing
        """;

    public static LoadOptions? Parse(string[] args)
    {
        var options = new LoadOptions(
            Gateway: new Uri("http://127.0.0.1:8080"),
            Duration: TimeSpan.FromMinutes(10),
            WarmUp: TimeSpan.FromSeconds(60),
            Users: 4,
            ReadEvery: TimeSpan.FromMilliseconds(250),
            WriteEvery: TimeSpan.FromMilliseconds(1500),
            ImportEvery: TimeSpan.FromSeconds(10),
            StreamsPerUser: 2,
            MaxGrowthFraction: 0.25,
            MaxGrowthFloorBytes: 64L << 20,
            ReportPath: null);
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--smoke":
                    options = options with { Duration = TimeSpan.FromSeconds(30), WarmUp = TimeSpan.FromSeconds(10), Users = 2 };
                    continue;
                case "--duration" when value is not null && TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out var duration):
                    options = options with { Duration = duration };
                    break;
                case "--users" when value is not null && int.TryParse(value, CultureInfo.InvariantCulture, out var users) && users > 0:
                    options = options with { Users = users };
                    break;
                case "--gateway" when value is not null && Uri.TryCreate(value, UriKind.Absolute, out var gateway):
                    options = options with { Gateway = gateway };
                    break;
                case "--report" when value is not null:
                    options = options with { ReportPath = value };
                    break;
                default:
                    return null;
            }
            i++;
        }
        return options;
    }
}
