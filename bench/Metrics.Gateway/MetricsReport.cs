using System.Globalization;
using System.Text;

namespace PortfolioTracker.Metrics.Gateway;

/// <summary>One import file: rows and the client-side time of its call (parse, validate, insert, holdings, after-write, answer).</summary>
public sealed record ImportFigure(string User, int File, int Rows, double Milliseconds, string? ServerTiming)
{
    public double RowsPerSecond => PerSecond(Rows, Milliseconds);

    /// <summary>The rate of <paramref name="rows"/> written in <paramref name="milliseconds"/>.</summary>
    public static double PerSecond(int rows, double milliseconds) => rows / milliseconds * 1000;
}

/// <summary>The run as Markdown: every figure as a ratio to the trivial call of the same run.</summary>
public sealed class MetricsReport(BenchOptions options, string startLoad)
{
    private const double ImportTarget = 10_000;

    /// <summary>The sized users' histories, file by file.</summary>
    public List<ImportFigure> Imports { get; } = [];

    /// <summary>The import figure: one 10,000-row file, each time into a new account.</summary>
    public List<ImportFigure> NewAccountImports { get; } = [];

    public List<Figure> Figures { get; } = [];

    public List<ThroughputFigure> Throughput { get; } = [];

    /// <summary>The waits for a quiet machine before the phases (none with <c>--settle off</c>).</summary>
    public List<Settle> Settles { get; } = [];

    public async Task<int> FinishAsync(string endLoad)
    {
        var text = Write(endLoad, out var met);
        Console.WriteLine();
        Console.WriteLine(text);
        if (options.ReportPath is not null)
        {
            await File.WriteAllTextAsync(options.ReportPath, text);
        }
        return met ? 0 : 1;
    }

    private string Write(string endLoad, out bool met)
    {
        met = true;
        var text = new StringBuilder();
        var invariant = CultureInfo.InvariantCulture;
        text.AppendLine(invariant, $"Run {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC against {options.Gateway}; {Environment.ProcessorCount} cores, .NET {Environment.Version}; "
            + $"load average {startLoad} at the start, {endLoad} at the end. {options.Calls} paired calls per figure.");
        text.AppendLine();
        if (Settles.Count > 0)
        {
            text.AppendLine(invariant, $"Each phase began once the machine was quiet: {QuietMachine.Rule}. Waited before: {string.Join("; ", Settles.Select(s => s.Describe()))}.");
            text.AppendLine();
        }

        if (Imports.Count > 0 || NewAccountImports.Count > 0)
        {
            text.AppendLine("| import | rows | ms | rows/s |");
            text.AppendLine("|---|---:|---:|---:|");
            foreach (var import in Imports.Concat(NewAccountImports))
            {
                text.AppendLine(invariant, $"| {import.User}, file {import.File} | {import.Rows:N0} | {import.Milliseconds:F0} | {import.RowsPerSecond:N0} |");
            }
            text.AppendLine();
            if (NewAccountImports.Count > 0)
            {
                var times = new Latencies();
                NewAccountImports.ForEach(i => times.Add(i.Milliseconds));
                var rows = NewAccountImports[0].Rows;
                var p50 = ImportFigure.PerSecond(rows, times.P50);
                met &= p50 >= ImportTarget;
                text.AppendLine(invariant, $"**Import of a {rows:N0}-row file into a new account, p50 of {times.Count}: {p50:N0} rows/s** "
                    + $"(p95 {ImportFigure.PerSecond(rows, times.P95):N0} rows/s; target ≥ {ImportTarget:N0}: {(p50 >= ImportTarget ? "met" : "**missed**")}).");
            }
            if (Imports.FirstOrDefault() is { } first)
            {
                // Not a figure: right after a suite start it is also the Portfolio process's first import, compiled as it runs.
                text.AppendLine(invariant, $"The run's first import ({first.User}, file {first.File}, before the figure's imports): {first.RowsPerSecond:N0} rows/s.");
            }
            text.AppendLine();
        }

        if (Figures.Count > 0)
        {
            text.AppendLine("| user | workload | p50 ms | p95 ms | trivial p50 ms | trivial p95 ms | **ratio p50** | ratio p95 | target (p50) | |");
            text.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---|---|");
            foreach (var f in Figures)
            {
                met &= f.Failures.Count == 0 && (f.TargetRatio is null || f.RatioP50 <= f.TargetRatio);
                text.AppendLine(invariant,
                    $"| {f.User} | {f.Workload} | {f.Measured.P50:F1} | {f.Measured.P95:F1} | {f.Trivial.P50:F1} | {f.Trivial.P95:F1} | **{f.RatioP50:F2}×** | {f.RatioP95:F2}× | {f.TargetText} | {f.Verdict} |");
            }
            text.AppendLine();
            text.AppendLine("Trivial call: `GET /v1/profile` of the same user, right before each measured call. Performance + risk is the sum of the two calls.");
            text.AppendLine();
        }

        var timed = Figures.Where(f => f.Timings.Any).ToList();
        if (timed.Count > 0 || Imports.Concat(NewAccountImports).Any(i => i.ServerTiming is not null))
        {
            text.AppendLine("Where the time goes (`Server-Timing` of the answers, p50 per entry, ms; for performance + risk, the performance call):");
            text.AppendLine("`gateway`: the gateway until its answer started, the service's call included; `portfolio`: the service until its answer started; "
                + "`portfolio-db`: its database units of work (connection, statements, commit); `portfolio-marketdata`: its calls to MarketData "
                + "(in parallel ones counted once); `portfolio-cache`: its result cache's read (Redis); `portfolio-compute`: the metrics computed from the "
                + "held state; `portfolio-map`: the performance answer's message built; `portfolio-app`: the rest (request, state lookups, the answer's "
                + "serialisation when it is small); `client`: the whole call as the client saw it, "
                + "so client − gateway is writing, forwarding and reading the body (serialisation and transfer).");
            text.AppendLine();
            foreach (var f in timed)
            {
                text.AppendLine(invariant, $"- {f.User}, {f.Workload}: {string.Join(", ", f.Timings.Medians().Select(m => string.Create(invariant, $"{m.Name} {m.P50:F1}")))}");
            }
            foreach (var import in Imports.Take(2).Concat(NewAccountImports).Where(i => i.ServerTiming is not null))
            {
                text.AppendLine(invariant, $"- {import.User}, import file {import.File}: {import.ServerTiming}");
            }
            text.AppendLine();
        }

        if (Throughput.Count > 0)
        {
            text.AppendLine("| concurrent phase | clients | s | calls/s | p50 ms | p95 ms | 429 | failed |");
            text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var t in Throughput)
            {
                text.AppendLine(invariant, $"| {t.Workload} | {t.Clients} | {t.Duration.TotalSeconds:F0} | {t.PerSecond:N0} | {t.Latencies.P50:F1} | {t.Latencies.P95:F1} | {t.RateLimited} | {(t.Failed == 0 ? "0" : $"{t.Failed} ({t.FailedStatuses})")} |");
            }
            if (Throughput.Any(t => t.RateLimited > 0))
            {
                text.AppendLine();
                text.AppendLine("Some calls were refused by the gateway's per-user budget: start the suite with raised read budgets to measure the suite instead.");
            }
            text.AppendLine();
        }
        return text.ToString();
    }
}
