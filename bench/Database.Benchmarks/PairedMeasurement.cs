using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace PortfolioTracker.Database.Benchmarks;

/// <summary>
/// A check of the ratio that stands up to a busy machine: the two roles' calls alternate
/// (service_role then authenticated, then the other way round), so background load that
/// comes and goes hits both alike, while BenchmarkDotNet measures one case after the other.
/// Reports each role's median and 95th percentile and the ratio of the medians.
/// </summary>
public static class PairedMeasurement
{
    public static async Task<string> RunAsync(BenchDatabase database, int pairs)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Paired measurement: {pairs} alternating calls per role and query, after {pairs / 10} warm-up pairs");
        text.AppendLine();
        text.AppendLine("| query | service_role median | authenticated median | ratio (median) | service_role p95 | authenticated p95 | target |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---|");
        foreach (var (name, call) in new (string, Func<string, int, Task<int>>)[]
                 {
                     ("one symbol, one year", (role, i) =>
                     {
                         var owner = database.Owners[i % database.Owners.Count];
                         return database.QueryAsync(role, owner, BenchDatabase.SymbolYearSql, BenchDatabase.SymbolYearArgs(owner, i / database.Owners.Count));
                     }),
                     ("latest 100 of a portfolio", (role, i) =>
                     {
                         var owner = database.Owners[i % database.Owners.Count];
                         return database.QueryAsync(role, owner, BenchDatabase.LatestPageSql, BenchDatabase.LatestPageArgs(owner));
                     }),
                 })
        {
            var service = new List<double>(pairs);
            var user = new List<double>(pairs);
            for (var i = -pairs / 10; i < pairs; i++)
            {
                var serviceFirst = (i & 1) == 0;
                var first = await TimeAsync(() => call(serviceFirst ? BenchDatabase.ServiceRole : BenchDatabase.Authenticated, i + pairs));
                var second = await TimeAsync(() => call(serviceFirst ? BenchDatabase.Authenticated : BenchDatabase.ServiceRole, i + pairs));
                if (i >= 0)
                {
                    service.Add(serviceFirst ? first : second);
                    user.Add(serviceFirst ? second : first);
                }
            }

            var ratio = Percentile(user, 0.5) / Percentile(service, 0.5);
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {name} | {Percentile(service, 0.5):F1} µs | {Percentile(user, 0.5):F1} µs | {ratio:F3} | {Percentile(service, 0.95):F1} µs | {Percentile(user, 0.95):F1} µs | {(ratio <= 1.10 ? "met" : "MISSED")} |");
        }
        return text.ToString();
    }

    private static async Task<double> TimeAsync(Func<Task<int>> call)
    {
        var start = Stopwatch.GetTimestamp();
        await call();
        return Stopwatch.GetElapsedTime(start).TotalMicroseconds;
    }

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted[(int)Math.Min(sorted.Count - 1, Math.Round(p * (sorted.Count - 1)))];
    }
}
