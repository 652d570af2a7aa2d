using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using PortfolioTracker.Database.Benchmarks;

// dotnet run -c Release --project bench/Database.Benchmarks [-- --quick] [--extended-statistics]
//   --quick                3 warm-up and 10 measured iterations per benchmark (about 2 minutes on 2 cores)
//   --extended-statistics  CREATE STATISTICS (dependencies) on transactions (user_id, portfolio_id)
//                          before ANALYZE: what fixes the latest-100 plan (see bench/README.md)
// Writes bench/results/<variant>/: plans.txt (EXPLAIN ANALYZE as each role), ratio.md
// (BenchmarkDotNet's means and medians, then a paired measurement) and BenchmarkDotNet's reports.
var quick = args.Contains("--quick");
var extendedStatistics = args.Contains("--extended-statistics");
var variant = (quick ? "quick" : "full") + (extendedStatistics ? "-extended-statistics" : "");
var results = Path.GetFullPath(Path.Combine(SourceDirectory(), "..", "results", variant));
Directory.CreateDirectory(results);

await using var database = await BenchDatabase.CreateAsync(Console.Out, extendedStatistics);
BenchDatabase.Current = database;

var plans = await ExplainAsync(database);
await File.WriteAllTextAsync(Path.Combine(results, "plans.txt"), plans);
Console.WriteLine(plans);

await database.ResetServerStatisticsAsync();

// In-process: the benchmarks share the database set up above (a separate benchmark process
// would have to load a million rows again for every case).
var job = Job.Default.WithToolchain(InProcessEmitToolchain.Instance);
job = quick
    ? job.WithWarmupCount(3).WithIterationCount(10).WithId("quick")
    : job.WithWarmupCount(5).WithIterationCount(30).WithId("full");
var config = ManualConfig.CreateMinimumViable()
    .AddJob(job)
    .AddColumn(StatisticColumn.Median, StatisticColumn.P95)
    .AddExporter(MarkdownExporter.GitHub)
    .WithArtifactsPath(Path.Combine(results, "BenchmarkDotNet"))
    .WithOrderer(new BenchmarkDotNet.Order.DefaultOrderer(BenchmarkDotNet.Order.SummaryOrderPolicy.Declared));
var summary = BenchmarkRunner.Run<RlsOverheadBenchmarks>(config);

// BenchmarkDotNet measures the cases one after the other; on a shared machine the load can
// change in between. The paired measurement alternates the roles call by call.
var paired = await PairedMeasurement.RunAsync(database, quick ? 1000 : 3000);
var ratios = RatioReport(summary, variant) + Environment.NewLine + paired + Environment.NewLine
    + ServerReport(await database.ServerTimingsAsync());
await File.WriteAllTextAsync(Path.Combine(results, "ratio.md"), ratios);
Console.WriteLine(ratios);
return 0;

static async Task<string> ExplainAsync(BenchDatabase database)
{
    var owner = database.Owners[0];
    var text = new StringBuilder();
    foreach (var (name, sql, arguments) in new[]
             {
                 ("one symbol, one year", BenchDatabase.SymbolYearSql, BenchDatabase.SymbolYearArgs(owner, 0)),
                 ("latest 100 of a portfolio", BenchDatabase.LatestPageSql, BenchDatabase.LatestPageArgs(owner)),
             })
    {
        foreach (var role in new[] { BenchDatabase.Authenticated, BenchDatabase.ServiceRole })
        {
            await database.QueryAsync(role, owner, sql, arguments); // warm the cache first
            text.AppendLine(CultureInfo.InvariantCulture, $"=== {name} as {role}");
            text.AppendLine(sql.Trim());
            text.AppendLine(await database.ExplainAsync(role, owner, sql, arguments));
        }
    }
    return text.ToString();
}

static string RatioReport(Summary summary, string variant)
{
    var text = new StringBuilder();
    text.AppendLine(CultureInfo.InvariantCulture, $"RLS overhead ({variant} run): authenticated ÷ service_role, target ≤ 1.10");
    text.AppendLine();
    text.AppendLine("| query | service_role mean | authenticated mean | ratio (mean) | service_role median | authenticated median | ratio (median) | target |");
    text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---|");
    foreach (var category in summary.Reports.GroupBy(r => r.BenchmarkCase.Descriptor.Categories.First()))
    {
        var service = category.Single(r => r.BenchmarkCase.Descriptor.Baseline).ResultStatistics;
        var user = category.Single(r => !r.BenchmarkCase.Descriptor.Baseline).ResultStatistics;
        if (service is null || user is null)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {category.Key} | (failed) | | | | | | |");
            continue;
        }
        var meanRatio = user.Mean / service.Mean;
        var medianRatio = user.Median / service.Median;
        text.AppendLine(CultureInfo.InvariantCulture,
            $"| {category.Key} | {Us(service.Mean)} | {Us(user.Mean)} | {meanRatio:F3} | {Us(service.Median)} | {Us(user.Median)} | {medianRatio:F3} | {(meanRatio <= 1.10 ? "met" : "MISSED")} |");
    }
    return text.ToString();

    static string Us(double nanoseconds) => (nanoseconds / 1000).ToString("F1", CultureInfo.InvariantCulture) + " µs";
}

static string ServerReport(IReadOnlyList<ServerTiming> timings)
{
    var text = new StringBuilder();
    text.AppendLine("Server side (pg_stat_statements over every call above: planning + execution, no network or client)");
    text.AppendLine();
    text.AppendLine("| query | role | calls | mean planning | mean execution | mean total | ratio (total) |");
    text.AppendLine("|---|---|---:|---:|---:|---:|---:|");
    foreach (var query in timings.GroupBy(t => t.Query))
    {
        var baseline = query.FirstOrDefault(t => t.Role == BenchDatabase.ServiceRole)?.MeanTotalMs;
        foreach (var t in query)
        {
            var ratio = baseline is > 0 ? (t.MeanTotalMs / baseline.Value).ToString("F2", CultureInfo.InvariantCulture) : "";
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {t.Query} | {t.Role} | {t.Calls} | {t.MeanPlanMs * 1000:F1} µs | {t.MeanExecMs * 1000:F1} µs | {t.MeanTotalMs * 1000:F1} µs | {ratio} |");
        }
    }
    return text.ToString();
}

static string SourceDirectory([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
