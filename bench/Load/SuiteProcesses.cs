using System.Globalization;

namespace PortfolioTracker.Load;

/// <summary>
/// The suite's processes and their resident memory (RSS, from <c>/proc</c>): the AppHost, and
/// everything below the orchestrator that started this checkout's services (PostgreSQL with its
/// backends, Redis, the services, the dashboard), grouped by what they are. Other checkouts'
/// processes on the same machine are not counted.
/// </summary>
public static class SuiteProcesses
{
    public sealed record Group(string Name, int Processes, long RssBytes);

    public static IReadOnlyList<Group> Measure(string root)
    {
        var all = Snapshot();
        var serviceMarker = Path.Combine(root, "services") + "/";
        var orchestrators = all.Values.Where(p => p.CommandLine.Contains(serviceMarker, StringComparison.Ordinal))
            .Select(p => p.ParentId).ToHashSet();
        orchestrators.RemoveWhere(id => all.TryGetValue(id, out var parent) && parent.CommandLine.Contains(serviceMarker, StringComparison.Ordinal));
        var suite = new HashSet<int>(orchestrators);
        // Descendants of the orchestrator, however deep (postgres backends are grandchildren).
        for (var grew = true; grew;)
        {
            grew = false;
            foreach (var process in all.Values)
            {
                if (!suite.Contains(process.Id) && suite.Contains(process.ParentId))
                {
                    grew = suite.Add(process.Id);
                }
            }
        }
        var appHost = Path.Combine(root, "AppHost");
        suite.UnionWith(all.Values.Where(p => p.CommandLine.Contains(appHost, StringComparison.Ordinal)).Select(p => p.Id));

        return suite.Select(id => all[id])
            .GroupBy(p => GroupName(p, root))
            .Select(g => new Group(g.Key, g.Count(), g.Sum(p => p.RssBytes)))
            .OrderBy(g => g.Name, StringComparer.Ordinal)
            .ToList();
    }

    private static string GroupName(Proc process, string root)
    {
        var command = process.CommandLine;
        if (command.StartsWith("dotnet run ", StringComparison.Ordinal) || command.Contains(" run --project ", StringComparison.Ordinal))
        {
            return "dotnet run (launchers)";
        }
        var services = Path.Combine(root, "services") + "/";
        var at = command.IndexOf(services, StringComparison.Ordinal);
        if (at >= 0)
        {
            return command[(at + services.Length)..].Split('/')[0];
        }
        return process.Name switch
        {
            "postgres" => "PostgreSQL",
            "redis-server" => "Redis",
            "dcp" => "DCP (orchestrator)",
            _ when command.Contains("Aspire.Dashboard", StringComparison.Ordinal) => "Aspire dashboard",
            _ when command.Contains(Path.Combine(root, "AppHost"), StringComparison.Ordinal) => "AppHost",
            _ => process.Name,
        };
    }

    private sealed record Proc(int Id, int ParentId, string Name, string CommandLine, long RssBytes);

    private static Dictionary<int, Proc> Snapshot()
    {
        var processes = new Dictionary<int, Proc>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), CultureInfo.InvariantCulture, out var id))
            {
                continue;
            }
            try
            {
                var status = File.ReadAllLines(Path.Combine(directory, "status"));
                string Field(string name) => status.FirstOrDefault(l => l.StartsWith(name + ":", StringComparison.Ordinal))?[(name.Length + 1)..].Trim() ?? "";
                var rss = Field("VmRSS").Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
                var commandLine = File.ReadAllText(Path.Combine(directory, "cmdline")).Replace('\0', ' ').Trim();
                processes[id] = new Proc(id, int.Parse(Field("PPid"), CultureInfo.InvariantCulture), Field("Name"), commandLine,
                    rss is null ? 0 : long.Parse(rss, CultureInfo.InvariantCulture) * 1024);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or FormatException)
            {
                // Gone meanwhile, or not ours to read.
            }
        }
        return processes;
    }
}
