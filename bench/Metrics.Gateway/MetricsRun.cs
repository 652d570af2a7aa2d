using System.Diagnostics;
using System.Globalization;

namespace PortfolioTracker.Metrics.Gateway;

/// <summary>
/// The run: fresh users with imported histories, then each figure as paired calls next to the
/// trivial authenticated call, the restart, the concurrent phase, and the report.
/// </summary>
public static class MetricsRun
{
    /// <summary>The import route's cap per file (TransactionFileParser.MaxRows): larger histories go in several files.</summary>
    private const int RowsPerFile = 10_000;

    private const string Trivial = "/v1/profile";
    private const string AllRanges = "1d,1w,1m,ytd,1y,max";

    // A new asOf for every uncached call, so the result cache misses: one day earlier each time.
    private static int DaysBack;

    // Since the last import's answer; null before any (a phase after imports waits for their maintenance).
    private static Stopwatch? SinceImport;

    public static async Task<int> RunAsync(BenchOptions options)
    {
        var root = Directory.GetCurrentDirectory();
        var sampleData = Path.Combine(root, "db", "sample-data", "data");
        if (!Directory.Exists(sampleData))
        {
            Console.Error.WriteLine("Run from the repository root (db/sample-data/data is read for the tickers and prices).");
            return 2;
        }
        using var http = GatewayCalls.NewClient(options.Gateway);
        var report = new MetricsReport(options, LoadAverage());
        try
        {
            return await MeasureAsync(options, root, sampleData, http, report);
        }
        catch (Exception exception) when (exception is InvalidOperationException or HttpRequestException or TimeoutException or TaskCanceledException)
        {
            // What was measured before the failure is still printed.
            Console.Error.WriteLine($"stopped: {exception.Message}");
            await report.FinishAsync(LoadAverage());
            return 1;
        }
    }

    private static async Task<int> MeasureAsync(BenchOptions options, string root, string sampleData, HttpClient http, MetricsReport report)
    {

        if (options.AfterRestartToken is { } token)
        {
            // The user's earlier runs asked their own asOfs, and the result cache outlives a restart:
            // a sequence starting at yesterday again would be answered from it.
            DaysBack = Random.Shared.Next(0, 1_200);
            var resumed = await BenchUser.ResumeAsync(http, token);
            report.Figures.Add(options.Restarts > 0 && options.Restart != RestartMode.Skip
                ? await RestartedSummaryAsync(http, root, options.Restart, resumed, "(earlier run)", options.Restarts)
                : await FirstSummaryAsync(http, resumed, "(earlier run)", options.Calls));
            // A renewal replaced the refresh token: the next run needs this one.
            Console.WriteLine($"For the next run: --after-restart {resumed.RefreshToken}");
            return await report.FinishAsync(LoadAverage());
        }

        var users = new List<(string Name, BenchUser User)>();
        foreach (var size in options.Sizes)
        {
            var name = string.Create(CultureInfo.InvariantCulture, $"{size:N0} transactions");
            var user = await BenchUser.SignUpAsync(http);
            await ImportAsync(http, user, name, GeneratedHistory.Create(sampleData, size, seed: size), report.Imports);
            users.Add((name, user));
        }

        // The import figure: one file, each time into a new account, after the imports above, so that
        // (as for every other figure) no measured call is the process's first of its kind.
        await SettleAsync(options, report, "the import figure");
        var file = GeneratedHistory.Create(sampleData, RowsPerFile, seed: RowsPerFile);
        for (var i = 1; i <= options.Imports; i++)
        {
            var account = await BenchUser.SignUpAsync(http);
            await ImportAsync(http, account, string.Create(CultureInfo.InvariantCulture, $"new account {i}"), file, report.NewAccountImports);
        }

        foreach (var (name, user) in users)
        {
            Console.WriteLine($"{name}: warming up");
            // Every call a figure measures, so none is measured on its first use in the process.
            for (var i = 0; i < 5; i++)
            {
                (await GatewayCalls.GetAsync(http, user, Summary(NextAsOf()))).Ok("summary warm-up");
                var asOf = NextAsOf();
                (await GatewayCalls.GetAsync(http, user, Performance(asOf))).Ok("performance warm-up");
                (await GatewayCalls.GetAsync(http, user, Risk(asOf))).Ok("risk warm-up");
                (await GatewayCalls.GetAsync(http, user, Trivial)).Ok("profile");
            }
            await SettleAsync(options, report, name);
            Console.WriteLine($"{name}: measuring");
            report.Figures.Add(await PairedAsync(http, user, name, "summary, result cache missed", 3, options.Calls,
                async () => await TimedOkAsync(http, user, Summary(NextAsOf()))));
            report.Figures.Add(await PairedAsync(http, user, name, "performance (all ranges) + risk, result cache missed", 6, options.Calls,
                async () =>
                {
                    var asOf = NextAsOf();
                    var performance = await TimedOkAsync(http, user, Performance(asOf));
                    var risk = await TimedOkAsync(http, user, Risk(asOf));
                    // Timed as the sum; its timings are the performance call's, its client time included.
                    return (performance.Milliseconds + risk.Milliseconds, performance.Timing);
                }));
            var cachedAsOf = NextAsOf();
            (await GatewayCalls.GetAsync(http, user, Summary(cachedAsOf))).Ok("summary");
            report.Figures.Add(await PairedAsync(http, user, name, "summary cached", 1.5, options.Calls,
                async () => await TimedOkAsync(http, user, Summary(cachedAsOf))));
            var fiveYearsBack = DateOnly.FromDateTime(DateTime.UtcNow).AddYears(-5);
            report.Figures.Add(await PairedAsync(http, user, name, "summary right after a backdated write (a buy five years back)", 10, options.Calls,
                async () =>
                {
                    (await GatewayCalls.SendAsync(http, user, HttpMethod.Post, "/v1/transactions", new
                    {
                        transactionType = "BUY",
                        symbol = "AAPL",
                        quantity = "1",
                        price = "150",
                        date = fiveYearsBack.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                        currency = "USD",
                        commission = "1",
                    })).Ok("backdated buy");
                    return await TimedOkAsync(http, user, "/v1/portfolio/summary");
                }));
        }

        if (options.Restart != RestartMode.Skip && users.Count > 0)
        {
            var (name, user) = users[^1];
            await SettleAsync(options, report, "the restart");
            report.Figures.Add(await RestartedSummaryAsync(http, root, options.Restart, user, name, Math.Max(3, options.Calls / 8)));
        }

        if (users.Count > 0)
        {
            await SettleAsync(options, report, "the throughput phase");
            Console.WriteLine($"throughput: {options.Clients} clients for {options.Concurrent}");
            report.Throughput.Add(await Throughput.RunAsync(http, "mixed reads: summary, performance, transactions", options,
                n => users[n % users.Count].User, n => (n % 3) switch
                {
                    0 => "/v1/portfolio/summary",
                    1 => "/v1/portfolio/performance?range=1y,max&omitDailyValues=true",
                    _ => "/v1/transactions?pageSize=50",
                }));
            report.Throughput.Add(await Throughput.RunAsync(http, "bare `/health`", options, null, _ => "/health"));
            // Last: a renewal replaces the refresh token, so only the final one still works.
            Console.WriteLine($"To measure the first summary after a manual restart later: --after-restart {users[^1].User.RefreshToken}");
        }
        return await report.FinishAsync(LoadAverage());
    }

    /// <summary>With <c>--settle on</c>: waits for a quiet machine before the phase, and reports the wait.</summary>
    private static async Task SettleAsync(BenchOptions options, MetricsReport report, string phase)
    {
        if (!options.Settle)
        {
            return;
        }
        var settle = await QuietMachine.WaitAsync(phase, SinceImport?.Elapsed);
        SinceImport = null;
        report.Settles.Add(settle);
        Console.WriteLine($"waited before {settle.Describe()}");
    }

    private static async Task ImportAsync(HttpClient http, BenchUser user, string name, GeneratedHistory history, List<ImportFigure> figures)
    {
        var whole = Stopwatch.StartNew();
        var index = 0;
        foreach (var file in history.Files(RowsPerFile))
        {
            var rows = history.RowsIn(index, RowsPerFile);
            var result = (await GatewayCalls.SendAsync(http, user, HttpMethod.Post, "/v1/transactions:import", new { content = file })).Ok("import");
            SinceImport = Stopwatch.StartNew();
            figures.Add(new ImportFigure(name, index + 1, rows, result.Milliseconds, WithClient(result.ServerTiming, result.Milliseconds)));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name}: file {index + 1}, {rows:N0} rows in {result.Milliseconds:F0} ms = {ImportFigure.PerSecond(rows, result.Milliseconds):N0} rows/s"));
            index++;
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}: imported in {whole.Elapsed.TotalSeconds:F1} s (with any waits for the import budget)"));
    }

    private static async Task<Figure> PairedAsync(
        HttpClient http, BenchUser user, string name, string workload, double? target, int calls, Func<Task<(double Milliseconds, string? Timing)>> measured)
    {
        var figure = new Figure(name, workload, new Latencies(), new Latencies(), target, new ServerTimings());
        for (var i = 0; i < calls; i++)
        {
            figure.Trivial.Add((await GatewayCalls.GetAsync(http, user, Trivial)).Ok("profile").Milliseconds);
            var (ms, timing) = await measured();
            figure.Measured.Add(ms);
            figure.Timings.Add(timing);
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {workload}: p50 {figure.Measured.P50:F1} ms, trivial {figure.Trivial.P50:F1} ms, ratio {figure.RatioP50:F2}"));
        return figure;
    }

    /// <summary>The services restarted before each call: the first summary they answer, next to the first trivial call.</summary>
    private static async Task<Figure> RestartedSummaryAsync(HttpClient http, string root, RestartMode mode, BenchUser user, string name, int restarts)
    {
        var how = mode == RestartMode.Term ? "SIGTERM, a restart" : "SIGKILL, a crash";
        var figure = new Figure(name, $"first summary after the services restart ({how})", new Latencies(), new Latencies(), 10, new ServerTimings());
        for (var i = 0; i < restarts; i++)
        {
            // Ready when MarketData answers a master-data read and the gateway reaches Portfolio; the user's state is not touched.
            var took = await SuiteRestart.RestartAsync(root, mode, async () =>
                (await GatewayCalls.GetAsync(http, user, "/v1/stocks/AAPL")).Status == 200
                && (await GatewayCalls.GetAsync(http, user, Trivial)).Status == 200);
            var summary = await GatewayCalls.GetAsync(http, user, Summary(NextAsOf()));
            if (FromResultCache(summary.ServerTiming))
            {
                figure.Failures.Add("answered from the result cache (an asOf asked before), not counted");
            }
            else if (summary.Status is >= 200 and < 300)
            {
                figure.Measured.Add(summary.Milliseconds);
                figure.Timings.Add(WithClient(summary.ServerTiming, summary.Milliseconds));
            }
            else
            {
                // A first summary the gateway gave up on is a result too, not a reason to lose the run.
                figure.Failures.Add(string.Create(CultureInfo.InvariantCulture, $"{summary.Status} after {summary.Milliseconds:F0} ms"));
            }
            figure.Trivial.Add((await GatewayCalls.GetAsync(http, user, Trivial)).Ok("profile").Milliseconds);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  restart {i + 1}: answering after {took.TotalSeconds:F1} s; first summary {summary.Status} in {summary.Milliseconds:F1} ms"));
        }
        return figure;
    }

    /// <summary>After a manual restart: the first summary the services answer (one call), then the trivial call.</summary>
    private static async Task<Figure> FirstSummaryAsync(HttpClient http, BenchUser user, string name, int calls)
    {
        var figure = new Figure(name, "first summary after a manual restart (one call)", new Latencies(), new Latencies(), 10, new ServerTimings());
        var summary = await TimedOkAsync(http, user, Summary(NextAsOf()));
        figure.Measured.Add(summary.Milliseconds);
        figure.Timings.Add(summary.Timing);
        for (var i = 0; i < calls; i++)
        {
            figure.Trivial.Add((await GatewayCalls.GetAsync(http, user, Trivial)).Ok("profile").Milliseconds);
        }
        return figure;
    }

    /// <summary>The call's time, and its servers' timings with the client's own time of that call.</summary>
    private static async Task<(double Milliseconds, string? Timing)> TimedOkAsync(HttpClient http, BenchUser user, string path)
    {
        var result = (await GatewayCalls.GetAsync(http, user, path)).Ok(path);
        return (result.Milliseconds, WithClient(result.ServerTiming, result.Milliseconds));
    }

    /// <summary>
    /// A summary the service computed names its database work in <c>Server-Timing</c>; one the
    /// result cache answered does not (known only when the suite sends the header).
    /// </summary>
    private static bool FromResultCache(string? serverTiming) =>
        serverTiming is not null && serverTiming.Contains("portfolio;", StringComparison.Ordinal)
        && !serverTiming.Contains("portfolio-db", StringComparison.Ordinal);

    /// <summary>The client's whole call next to the servers' entries (only when they sent any: timing is on).</summary>
    private static string? WithClient(string? serverTiming, double milliseconds) =>
        serverTiming is null ? null : string.Create(CultureInfo.InvariantCulture, $"{serverTiming}, client;dur={milliseconds:F2}");

    /// <summary>The same asOf is not asked twice in a run.</summary>
    private static string NextAsOf() =>
        DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1 - Interlocked.Increment(ref DaysBack)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Summary(string asOf) => $"/v1/portfolio/summary?asOf={asOf}";

    private static string Performance(string asOf) => $"/v1/portfolio/performance?range={AllRanges}&asOf={asOf}";

    private static string Risk(string asOf) => $"/v1/portfolio/risk?asOf={asOf}";

    internal static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";
}
