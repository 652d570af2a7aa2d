using System.Globalization;
using System.Text;

namespace PortfolioTracker.Load;

/// <summary>The run as Markdown: machine, load, error rate, latency per route, memory per process group and the growth bound.</summary>
public static class LoadReport
{
    public static string Write(
        LoadOptions options, RouteStats stats, IReadOnlyList<(TimeSpan At, IReadOnlyList<SuiteProcesses.Group> Memory)> samples,
        string startLoad, string endLoad, out bool passed)
    {
        var text = new StringBuilder();
        var rows = stats.Rows().ToList();
        var calls = rows.Sum(r => r.Calls);
        var errors = rows.Sum(r => r.Errors);
        text.AppendLine(CultureInfo.InvariantCulture, $"Run {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC against {options.Gateway}: {options.Users} users, "
            + $"counted for {options.Duration} after a {options.WarmUp} warm-up.");
        text.AppendLine(CultureInfo.InvariantCulture, $"Machine: {Environment.ProcessorCount} cores, {MemoryTotal()}, .NET {Environment.Version}; load average {startLoad} at the start, {endLoad} at the end.");
        text.AppendLine(CultureInfo.InvariantCulture, $"Per user: a read every {options.ReadEvery.TotalMilliseconds:F0} ms (8 routes in turn), a write every {options.WriteEvery.TotalMilliseconds:F0} ms, "
            + $"a 5-row import every {options.ImportEvery.TotalSeconds:F0} s, {options.StreamsPerUser} open streams.");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"**{calls} calls, {errors} errors: error rate {(calls == 0 ? 0 : 100.0 * errors / calls):F2} %.**");
        text.AppendLine();
        text.AppendLine("| route | calls | errors (status×count) | p50 ms | p99 ms |");
        text.AppendLine("|---|---:|---|---:|---:|");
        foreach (var row in rows)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| `{row.Route}` | {row.Calls} | {(row.Errors == 0 ? "0" : $"{row.Errors} ({row.ErrorStatuses})")} | {row.P50:F1} | {row.P99:F1} |");
        }
        text.AppendLine();

        var start = samples[0].Memory.ToDictionary(g => g.Name);
        var end = samples[^1].Memory.ToDictionary(g => g.Name);
        text.AppendLine(CultureInfo.InvariantCulture, $"Memory (RSS; a group sums its processes). Bound: at the end at most the start + max({options.MaxGrowthFloorBytes >> 20} MiB, {options.MaxGrowthFraction:P0}).");
        text.AppendLine();
        text.AppendLine("| process | count | " + string.Join(" | ", samples.Select(s => $"{s.At.TotalMinutes:F0} min")) + " | growth | within bound |");
        text.AppendLine("|---|---:|" + string.Concat(samples.Select(_ => "---:|")) + "---:|---|");
        passed = errors == 0 || errors * 100L < calls; // under 1 % errors
        foreach (var name in start.Keys.Union(end.Keys).Order(StringComparer.Ordinal))
        {
            var first = start.GetValueOrDefault(name)?.RssBytes ?? 0;
            var last = end.GetValueOrDefault(name)?.RssBytes ?? 0;
            var allowed = Math.Max(options.MaxGrowthFloorBytes, (long)(first * options.MaxGrowthFraction));
            var within = last - first <= allowed;
            passed &= within;
            var values = samples.Select(s => s.Memory.FirstOrDefault(g => g.Name == name) is { } g ? Mib(g.RssBytes) : "–");
            text.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {end.GetValueOrDefault(name)?.Processes ?? 0} | {string.Join(" | ", values)} | {Mib(last - first)} | {(within ? "yes" : "**no**")} |");
        }
        text.AppendLine();
        text.AppendLine(passed ? "Result: within bounds (error rate under 1 %, no process group grew beyond its bound)." : "Result: **out of bounds** (see above).");
        return text.ToString();
    }

    private static string Mib(long bytes) => (bytes / 1048576.0).ToString("F0", CultureInfo.InvariantCulture) + " MiB";

    private static string MemoryTotal()
    {
        var line = File.Exists("/proc/meminfo") ? File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal)) : null;
        var kib = line?.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
        return kib is null ? "? RAM" : $"{long.Parse(kib, CultureInfo.InvariantCulture) / 1048576.0:F0} GiB RAM";
    }
}
