using System.Diagnostics;

namespace PortfolioTracker.ServiceDefaults.Timing;

/// <summary>
/// Where one request's time goes inside a process: the wall-clock time during which at least one
/// database unit of work, or at least one call to another service, was under way (parallel
/// ones counted once). Flows with the request's async context; absent when timing is off, so
/// the hot path then costs one null check.
/// </summary>
public sealed class RequestTimer
{
    private static readonly AsyncLocal<RequestTimer?> CurrentTimer = new();

    private readonly Lock _lock = new();
    private readonly Dictionary<string, Span> _spans = new(StringComparer.Ordinal);
    private readonly long _started = Stopwatch.GetTimestamp();

    public static RequestTimer? Current => CurrentTimer.Value;

    public TimeSpan Elapsed => Stopwatch.GetElapsedTime(_started);

    internal static RequestTimer Start() => CurrentTimer.Value = new RequestTimer();

    /// <summary>Times one piece of work of <paramref name="kind"/> (e.g. "db"); dispose when it ends.</summary>
    public static Scope Measure(string kind) => Current is { } timer ? new Scope(timer, timer.Enter(kind)) : default;

    public IReadOnlyList<(string Kind, TimeSpan Busy, int Count)> Snapshot()
    {
        lock (_lock)
        {
            return [.. _spans.Select(s => (s.Key, TimeSpan.FromTicks(s.Value.BusyTicks(Stopwatch.GetTimestamp()) * TimeSpan.TicksPerSecond / Stopwatch.Frequency), s.Value.Count))];
        }
    }

    private Span Enter(string kind)
    {
        lock (_lock)
        {
            if (!_spans.TryGetValue(kind, out var span))
            {
                _spans[kind] = span = new Span();
            }
            if (span.Open++ == 0)
            {
                span.OpenedAt = Stopwatch.GetTimestamp();
            }
            span.Count++;
            return span;
        }
    }

    private void Leave(Span span)
    {
        lock (_lock)
        {
            if (--span.Open == 0)
            {
                span.Closed += Stopwatch.GetTimestamp() - span.OpenedAt;
            }
        }
    }

    public readonly struct Scope : IDisposable
    {
        private readonly RequestTimer? _timer;
        private readonly Span? _span;

        internal Scope(RequestTimer timer, Span span)
        {
            _timer = timer;
            _span = span;
        }

        public void Dispose()
        {
            if (_timer is not null && _span is not null)
            {
                _timer.Leave(_span);
            }
        }
    }

    internal sealed class Span
    {
        public int Open { get; set; }

        public int Count { get; set; }

        public long OpenedAt { get; set; }

        public long Closed { get; set; }

        public long BusyTicks(long now) => Closed + (Open > 0 ? now - OpenedAt : 0);
    }
}
