using System.Collections.Concurrent;

namespace PortfolioTracker.Load;

/// <summary>Every call's outcome per route: counts, errors by status, latencies for the percentiles.</summary>
public sealed class RouteStats
{
    private readonly ConcurrentDictionary<string, Route> _routes = new(StringComparer.Ordinal);

    public bool Recording { get; set; }

    public void Record(string route, int status, TimeSpan took)
    {
        if (!Recording)
        {
            return;
        }
        var stats = _routes.GetOrAdd(route, _ => new Route());
        lock (stats)
        {
            stats.Latencies.Add(took.TotalMilliseconds);
            if (status is < 200 or >= 300)
            {
                stats.Errors[status] = stats.Errors.GetValueOrDefault(status) + 1;
            }
        }
    }

    public IEnumerable<(string Route, int Calls, int Errors, string ErrorStatuses, double P50, double P99)> Rows() =>
        _routes.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r =>
        {
            lock (r.Value)
            {
                var sorted = r.Value.Latencies.Order().ToArray();
                return (r.Key, sorted.Length, r.Value.Errors.Values.Sum(),
                    string.Join(" ", r.Value.Errors.OrderBy(e => e.Key).Select(e => $"{(e.Key == 0 ? "none" : e.Key)}×{e.Value}")),
                    Percentile(sorted, 0.50), Percentile(sorted, 0.99));
            }
        });

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    private sealed class Route
    {
        public List<double> Latencies { get; } = [];

        public Dictionary<int, int> Errors { get; } = [];
    }
}
