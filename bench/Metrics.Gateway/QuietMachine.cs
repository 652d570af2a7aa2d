using System.Diagnostics;
using System.Globalization;

namespace PortfolioTracker.Metrics.Gateway;

/// <summary>How long a phase waited for the machine, and how busy its CPUs were when it began.</summary>
public sealed record Settle(string Phase, TimeSpan Waited, double BusyShare, bool Quiet)
{
    public string Describe() => Quiet
        ? string.Create(CultureInfo.InvariantCulture, $"{Phase} {Waited.TotalSeconds:F0} s (then {BusyShare:P0} busy)")
        : string.Create(CultureInfo.InvariantCulture, $"{Phase} {Waited.TotalSeconds:F0} s, still {BusyShare:P0} busy (measured anyway)");
}

/// <summary>
/// Waits until the machine's CPUs are quiet before a phase is measured. The run's own imports
/// leave work behind them that is not a request's cost: PostgreSQL's autovacuum of 200,000 fresh
/// rows, checkpoints, the runtime compiling what the warm-up called, and an earlier phase's load.
/// On two cores that work took the time of exactly the figures measured next (bench/README.md), so
/// each phase starts once the machine has been at most <see cref="BusyLimit"/> busy for
/// <see cref="QuietFor"/>, or after <see cref="Limit"/> in any case; the report says how long each
/// phase waited.
/// </summary>
/// <remarks>
/// A quiet moment right after an import does not mean its maintenance is done: autovacuum visits a
/// database once per <c>autovacuum_naptime</c> (a minute, the suite leaves PostgreSQL's default),
/// so it may not have begun. A phase after imports therefore first waits <see cref="AfterImports"/>
/// from the last import's answer; by then the vacuum has begun, and while it runs the CPUs are not
/// quiet.
/// </remarks>
public static class QuietMachine
{
    private const string Stat = "/proc/stat";

    /// <summary>A share of all CPUs; an idle suite (dashboard, probes) keeps them about 15% busy.</summary>
    private const double BusyLimit = 0.25;

    private static readonly TimeSpan QuietFor = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan AfterImports = TimeSpan.FromSeconds(65);

    public static string Rule => string.Create(CultureInfo.InvariantCulture,
        $"at most {BusyLimit:P0} of all CPUs busy for {QuietFor.TotalSeconds:F0} s in a row (waiting at most {Limit.TotalSeconds:F0} s), "
        + $"and after imports not before {AfterImports.TotalSeconds:F0} s from the last one's answer");

    /// <param name="sinceImport">Time since the last import's answer, when the phase follows imports.</param>
    public static async Task<Settle> WaitAsync(string phase, TimeSpan? sinceImport)
    {
        if (!File.Exists(Stat))
        {
            throw new InvalidOperationException($"--settle on reads the CPUs' times from {Stat} (Linux); this system has none.");
        }
        var clock = Stopwatch.StartNew();
        if (sinceImport < AfterImports)
        {
            await Task.Delay(AfterImports - sinceImport.Value);
        }
        var quietSince = (TimeSpan?)null;
        var before = await ReadAsync();
        var busy = 1.0;
        var deadline = clock.Elapsed + Limit;
        while (clock.Elapsed < deadline)
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            var now = await ReadAsync();
            busy = now.BusyShareSince(before);
            before = now;
            quietSince = busy <= BusyLimit ? quietSince ?? clock.Elapsed - TimeSpan.FromSeconds(1) : null;
            if (quietSince is { } since && clock.Elapsed - since >= QuietFor)
            {
                return new Settle(phase, clock.Elapsed, busy, Quiet: true);
            }
        }
        return new Settle(phase, clock.Elapsed, busy, Quiet: false);
    }

    private static async Task<CpuTimes> ReadAsync()
    {
        // "cpu  user nice system idle iowait irq softirq steal ...": the first line sums every CPU.
        var first = (await File.ReadAllLinesAsync(Stat))[0];
        var ticks = first.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Take(8)
            .Select(t => long.Parse(t, CultureInfo.InvariantCulture)).ToArray();
        return new CpuTimes(Total: ticks.Sum(), Idle: ticks[3] + ticks[4]);
    }

    private readonly record struct CpuTimes(long Total, long Idle)
    {
        public double BusyShareSince(CpuTimes earlier)
        {
            var total = Total - earlier.Total;
            return total <= 0 ? 0 : 1 - (double)(Idle - earlier.Idle) / total;
        }
    }
}
