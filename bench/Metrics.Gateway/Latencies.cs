using System.Globalization;

namespace PortfolioTracker.Metrics.Gateway;

/// <summary>Milliseconds of one series of calls and their percentiles (nearest rank).</summary>
public sealed class Latencies
{
    private readonly List<double> _values = [];

    public int Count => _values.Count;

    public void Add(double milliseconds) => _values.Add(milliseconds);

    public double P50 => Percentile(0.50);

    public double P95 => Percentile(0.95);

    public double Percentile(double p)
    {
        if (_values.Count == 0)
        {
            return double.NaN;
        }
        var sorted = _values.Order().ToArray();
        return sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
    }
}

/// <summary>
/// A workload measured next to the trivial call: each workload call follows a
/// <c>GET /v1/profile</c> of the same user, so background load reaches both alike.
/// </summary>
public sealed record Figure(string User, string Workload, Latencies Measured, Latencies Trivial, double? TargetRatio, ServerTimings Timings)
{
    /// <summary>Calls that did not succeed (status and time), left out of the percentiles.</summary>
    public List<string> Failures { get; } = [];

    public double RatioP50 => Measured.P50 / Trivial.P50;

    public double RatioP95 => Measured.P95 / Trivial.P95;

    public string Verdict =>
        (Failures.Count > 0 ? $"**{Failures.Count} failed: {string.Join(", ", Failures)}** " : "")
        + (TargetRatio is not { } target ? "" : Failures.Count == 0 && RatioP50 <= target ? "met" : "**missed**");

    public string TargetText => TargetRatio is { } target ? string.Create(CultureInfo.InvariantCulture, $"≤ {target:0.#}×") : "";
}

/// <summary>
/// The <c>Server-Timing</c> entries of a series' responses (<c>name;dur=ms</c>), kept per name:
/// where the time of one request went, as the gateway and the service report it.
/// </summary>
public sealed class ServerTimings
{
    private readonly Dictionary<string, Latencies> _byName = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];

    public bool Any => _byName.Count > 0;

    public void Add(string? header)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return;
        }
        foreach (var entry in header.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = entry.Split(';', StringSplitOptions.TrimEntries);
            var duration = parts.Skip(1).FirstOrDefault(p => p.StartsWith("dur=", StringComparison.Ordinal));
            if (duration is null || !double.TryParse(duration[4..], NumberStyles.Float, CultureInfo.InvariantCulture, out var ms))
            {
                continue;
            }
            if (!_byName.TryGetValue(parts[0], out var series))
            {
                _byName[parts[0]] = series = new Latencies();
                _order.Add(parts[0]);
            }
            series.Add(ms);
        }
    }

    public IEnumerable<(string Name, double P50)> Medians() => _order.Select(name => (name, _byName[name].P50));
}
