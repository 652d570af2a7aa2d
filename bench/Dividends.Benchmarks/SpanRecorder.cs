using System.Collections.Concurrent;
using System.Diagnostics;
using PortfolioTracker.Dividends.Application;

namespace PortfolioTracker.Dividends.Benchmarks;

/// <summary>
/// The spans of the timed runs, added up per name and run: the sync's own steps
/// (<see cref="SyncSteps"/>) and each service's handling of each gRPC call it answered (the
/// ASP.NET Core request span, named by the call's path). Listens only while it lives.
/// </summary>
public sealed class SpanRecorder : IDisposable
{
    private const string ServerSource = "Microsoft.AspNetCore";

    private readonly ActivityListener _listener;
    private readonly ConcurrentQueue<(string Name, double Ms)> _stopped = new();
    private readonly List<Dictionary<string, double>> _runs = [];

    public SpanRecorder()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is SyncSteps.SourceName or ServerSource,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity => _stopped.Enqueue((NameOf(activity), activity.Duration.TotalMilliseconds)),
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>Forgets what ended so far (work outside a timed run).</summary>
    public void Discard() => _stopped.Clear();

    /// <summary>
    /// Ends a timed run of <paramref name="wholeMs"/> as the caller saw it: what stopped since the
    /// last call, summed per name, and what lies between the nested parts (the caller's side
    /// and the transport, the service's handling around the sync, the sync between its steps).
    /// </summary>
    public void EndRun(double wholeMs)
    {
        var run = new Dictionary<string, double>(StringComparer.Ordinal);
        while (_stopped.TryDequeue(out var span))
        {
            run[span.Name] = run.GetValueOrDefault(span.Name) + span.Ms;
        }
        var served = run.GetValueOrDefault(ServedSync);
        var sync = run.GetValueOrDefault(SyncSteps.Whole);
        var steps = new[] { SyncSteps.StateRead, SyncSteps.Events, SyncSteps.Entitlement, SyncSteps.Write }.Sum(run.GetValueOrDefault)
            + Math.Max(run.GetValueOrDefault(SyncSteps.Watermark), run.GetValueOrDefault(SyncSteps.ShareHistory));
        run["rest: caller's side and transport (whole - served by Dividends)"] = wholeMs - served;
        run["rest: Dividends around the sync (served - dividend sync)"] = served - sync;
        run["rest: dividend sync between its steps (side-by-side calls counted once)"] = sync - steps;
        _runs.Add(run);
    }

    private const string ServedSync = "served: /dividends.v1.DividendService/SyncDividends";

    /// <summary>Per name, the median over the runs (0 in a run without it), in first-seen order.</summary>
    public IReadOnlyList<(string Name, double P50, double P95)> Medians()
    {
        var names = _runs.SelectMany(r => r.Keys).Distinct().ToList();
        return [.. names.Select(n =>
        {
            var values = _runs.Select(r => r.GetValueOrDefault(n)).Order().ToList();
            return (n, values[values.Count / 2], values[(int)(values.Count * 0.95)]);
        })];
    }

    public void Dispose() => _listener.Dispose();

    private static string NameOf(Activity activity) =>
        activity.Source.Name == ServerSource ? "served: " + (activity.GetTagItem("url.path") ?? activity.DisplayName) : activity.OperationName;
}
