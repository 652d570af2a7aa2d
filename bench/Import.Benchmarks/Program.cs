using System.Diagnostics;
using Grpc.Core;
using PortfolioTracker.Portfolio.Domain;
using PortfolioTracker.Portfolio.Domain.Import;
using PortfolioTracker.Protos.Portfolio.V1;
using PortfolioTracker.TestSupport;

namespace PortfolioTracker.Import.Benchmarks;

// The import of a 10,000-row file (ImportTransactions over native gRPC to the real Portfolio
// Program in process, real PostgreSQL and Redis): into a new account, and into an account that
// already holds 90,000 rows; then the service's own part (parsing and validating) alone.
// Usage: dotnet run -c Release --project bench/Import.Benchmarks [-- --runs 3]
public static class ImportBenchmark
{
    public static async Task Main(string[] args)
    {
        var runs = args.Length == 2 && args[0] == "--runs" ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 3;
        const int FileRows = TransactionFileParser.MaxRows;

        // The in-process host's content root: the service's folder (no test project records it here).
        var repository = new DirectoryInfo(AppContext.BaseDirectory);
        while (repository.GetFiles("PortfolioTracker.sln").Length == 0)
        {
            repository = repository.Parent!;
        }
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_PORTFOLIO", Path.Combine(repository.FullName, "services", "Portfolio"));
        await using var harness = new TimedHarness();
        await harness.InitializeAsync();
        var client = new TransactionService.TransactionServiceClient(harness.Grpc);
        var timings = new List<string>();

        async Task<double> ImportAsync(Guid user, string content)
        {
            var watch = Stopwatch.StartNew();
            using var call = client.ImportTransactionsAsync(new ImportTransactionsRequest { Content = content }, harness.UserHeaders(user),
                deadline: DateTime.UtcNow.AddMinutes(5));
            var response = await call.ResponseAsync;
            watch.Stop();
            timings.Add((await call.ResponseHeadersAsync).GetValue("server-timing") ?? "");
            if (response.Imported != FileRows)
            {
                throw new InvalidOperationException($"imported {response.Imported} rows, not {FileRows}.");
            }
            return watch.Elapsed.TotalSeconds;
        }

        // The first import of the process (into a new account) is also the warm-up: the JIT and the
        // connection pool, as a running service has them. Timed apart: it is what a suite just
        // started meets first.
        var cold = await ImportAsync(await harness.AddUserAsync(), ImportFiles.History(FileRows, FileRows, seed: 1)[0]);
        Console.WriteLine($"first import of the process, new account: {cold:F2} s = {FileRows / cold:N0} rows/s");
        Console.Error.WriteLine($"Server-Timing, first import of the process: {timings[^1]}");

        Console.WriteLine("| run | new account: s | rows/s | account of 90,000 rows: s | rows/s |");
        Console.WriteLine("|---:|---:|---:|---:|---:|");
        for (var run = 1; run <= runs; run++)
        {
            var fresh = await ImportAsync(await harness.AddUserAsync(), ImportFiles.History(FileRows, FileRows, seed: 100 + run)[0]);
            var grown = await harness.AddUserAsync();
            var files = ImportFiles.History(10 * FileRows, FileRows, seed: 200 + run);
            foreach (var file in files.Take(9))
            {
                await ImportAsync(grown, file);
            }
            var tenth = await ImportAsync(grown, files[9]);
            Console.WriteLine($"| {run} | {fresh:F2} | {FileRows / fresh:N0} | {tenth:F2} | {FileRows / tenth:N0} |");
            Console.Error.WriteLine($"run {run} Server-Timing, new account: {timings[^11]}; tenth file: {timings[^1]}");
        }

        // The service's own part before any SQL: parsing the file and validating every row.
        var sample = ImportFiles.History(FileRows, FileRows, seed: 7)[0];
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var parse = new List<double>();
        var validate = new List<double>();
        for (var i = 0; i < 20; i++)
        {
            var watch = Stopwatch.StartNew();
            var parsed = TransactionFileParser.Parse(sample);
            parse.Add(watch.Elapsed.TotalMilliseconds);
            watch.Restart();
            foreach (var row in parsed.Rows)
            {
                TransactionValidator.Validate(row.Input, today);
            }
            validate.Add(watch.Elapsed.TotalMilliseconds);
        }
        Console.WriteLine($"parse {FileRows:N0} rows: {Median(parse):F1} ms; validate them: {Median(validate):F1} ms (median of the last 10 of 20)");
    }

    private static double Median(List<double> values) => values.Skip(10).Order().ElementAt(5);
}

/// <summary>The harness with the service's Server-Timing header on: where an import's time went.</summary>
internal sealed class TimedHarness : ServiceHarness<Program>
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings() => [new("ServerTiming:Enabled", "true")];
}
