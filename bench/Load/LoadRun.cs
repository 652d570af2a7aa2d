using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace PortfolioTracker.Load;

/// <summary>
/// The mixed workload: per user a reader, a writer and an importer on fixed schedules, and open
/// streams (reopened when the gateway ends them), all through the gateway over HTTP/JSON.
/// Calls during the warm-up are not counted; memory is measured when counting starts and at the end.
/// </summary>
public static class LoadRun
{
    private static readonly string[] Symbols = ["AAPL", "MSFT", "NVDA"];

    private static readonly (string Route, string Path)[] Reads =
    [
        ("GET /v1/transactions", "/v1/transactions?pageSize=20"),
        ("GET /v1/holdings", "/v1/holdings"),
        ("GET /v1/portfolio/summary", "/v1/portfolio/summary"),
        ("GET /v1/portfolio/performance", "/v1/portfolio/performance?range=1y,max&omitDailyValues=true"),
        ("GET /v1/prices/{symbol}/latest", "/v1/prices/AAPL/latest"),
        ("GET /v1/fx/{from}/{to}", "/v1/fx/EUR/USD"),
        ("GET /v1/dividends", "/v1/dividends"),
        ("GET /v1/watchlist", "/v1/watchlist"),
    ];

    public static async Task<int> RunAsync(LoadOptions options)
    {
        var root = Directory.GetCurrentDirectory();
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 })
        {
            BaseAddress = options.Gateway,
            Timeout = Timeout.InfiniteTimeSpan,
        };
        var stats = new RouteStats();
        var users = new List<string>();
        for (var i = 0; i < options.Users; i++)
        {
            users.Add(await SignUpAsync(http));
        }

        using var stop = new CancellationTokenSource();
        var work = users.SelectMany(token => new[]
            {
                EveryAsync(options.ReadEvery, n => ReadAsync(http, stats, token, n), stop.Token),
                EveryAsync(options.WriteEvery, n => WriteAsync(http, stats, token, n), stop.Token),
                EveryAsync(options.ImportEvery, n => ImportAsync(http, stats, token, n), stop.Token),
            }
            .Concat(Enumerable.Range(0, options.StreamsPerUser).Select(n => StreamAsync(http, stats, token, n, stop.Token))))
            .ToList();

        Console.WriteLine($"{users.Count} users; warming up for {options.WarmUp}, then counting for {options.Duration}.");
        await Task.Delay(options.WarmUp);
        var startMemory = SuiteProcesses.Measure(root);
        var startLoad = LoadAverage();
        stats.Recording = true;
        var clock = Stopwatch.StartNew();
        var samples = new List<(TimeSpan At, IReadOnlyList<SuiteProcesses.Group> Memory)> { (TimeSpan.Zero, startMemory) };
        while (clock.Elapsed < options.Duration)
        {
            await Task.Delay(Min(TimeSpan.FromMinutes(1), options.Duration - clock.Elapsed));
            samples.Add((clock.Elapsed, SuiteProcesses.Measure(root)));
            Console.WriteLine($"{clock.Elapsed:mm\\:ss} {stats.Rows().Sum(r => r.Calls)} calls, {stats.Rows().Sum(r => r.Errors)} errors");
        }
        stats.Recording = false;
        var endLoad = LoadAverage();
        await stop.CancelAsync();
        await Task.WhenAll(work);

        var report = LoadReport.Write(options, stats, samples, startLoad, endLoad, out var passed);
        Console.WriteLine(report);
        if (options.ReportPath is not null)
        {
            await File.WriteAllTextAsync(options.ReportPath, report);
        }
        return passed ? 0 : 1;
    }

    private static async Task<string> SignUpAsync(HttpClient http)
    {
        var email = $"load-{Guid.NewGuid():N}@example.com";
        using var response = await http.PostAsJsonAsync("/v1/auth/signup", new { email, password = "load and soak " + Guid.NewGuid().ToString("N")[..8] });
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"sign-up answered {(int)response.StatusCode}: {body}");
        }
        return JsonNode.Parse(body)!["accessToken"]!.GetValue<string>();
    }

    /// <summary>Starts <paramref name="call"/> every <paramref name="interval"/>, whether or not the previous one finished.</summary>
    private static async Task EveryAsync(TimeSpan interval, Func<int, Task> call, CancellationToken stop)
    {
        // Users start spread out, not in lockstep.
        await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next((int)interval.TotalMilliseconds)), CancellationToken.None);
        var running = new List<Task>();
        using var timer = new PeriodicTimer(interval);
        var n = 0;
        try
        {
            do
            {
                running.RemoveAll(t => t.IsCompleted);
                running.Add(call(n++));
            }
            while (await timer.WaitForNextTickAsync(stop));
        }
        catch (OperationCanceledException)
        {
        }
        await Task.WhenAll(running);
    }

    private static Task ReadAsync(HttpClient http, RouteStats stats, string token, int n)
    {
        var (route, path) = Reads[n % Reads.Length];
        return CallAsync(http, stats, route, HttpMethod.Get, path, token, null);
    }

    private static Task WriteAsync(HttpClient http, RouteStats stats, string token, int n) =>
        CallAsync(http, stats, "POST /v1/transactions", HttpMethod.Post, "/v1/transactions", token, new
        {
            transactionType = "BUY",
            symbol = Symbols[n % 3],
            quantity = "1",
            price = "100.5",
            date = new DateOnly(2022, 1, 3).AddDays(n % 1000).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            currency = "USD",
            commission = "1",
            notes = $"load {n}",
        });

    private static Task ImportAsync(HttpClient http, RouteStats stats, string token, int n)
    {
        var csv = new StringBuilder("type,symbol,quantity,price,date,currency,commission,notes\n");
        for (var row = 0; row < 5; row++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"BUY,{Symbols[row % 3]},2,95.25,{new DateOnly(2023, 2, 1).AddDays(n * 5 + row):yyyy-MM-dd},USD,0.5,import {n}-{row}\n");
        }
        return CallAsync(http, stats, "POST /v1/transactions:import", HttpMethod.Post, "/v1/transactions:import", token, new { content = csv.ToString() });
    }

    /// <summary>Holds a stream open, reading whatever it delivers, and reopens it when the gateway ends it.</summary>
    private static async Task StreamAsync(HttpClient http, RouteStats stats, string token, int n, CancellationToken stop)
    {
        var (route, path) = n % 2 == 0 ? ("GET /v1/prices:stream (open)", "/v1/prices:stream?symbols=AAPL,MSFT") : ("GET /v1/alerts:watch (open)", "/v1/alerts:watch");
        while (!stop.IsCancellationRequested)
        {
            var clock = Stopwatch.StartNew();
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, path);
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, stop);
                stats.Record(route, (int)response.StatusCode, clock.Elapsed);
                if (!response.IsSuccessStatusCode)
                {
                    await Task.Delay(TimeSpan.FromSeconds(5), stop);
                    continue;
                }
                using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(stop));
                while (await reader.ReadLineAsync(stop) is not null)
                {
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception) when (exception is HttpRequestException or IOException)
            {
                stats.Record(route + " (broken)", 0, clock.Elapsed);
                await Task.Delay(TimeSpan.FromSeconds(1), CancellationToken.None);
            }
        }
    }

    private static async Task CallAsync(HttpClient http, RouteStats stats, string route, HttpMethod method, string path, string token, object? body)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            using var request = new HttpRequestMessage(method, path);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            if (body is not null)
            {
                request.Content = JsonContent.Create(body);
            }
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(70));
            using var response = await http.SendAsync(request, timeout.Token);
            await response.Content.ReadAsByteArrayAsync(timeout.Token);
            stats.Record(route, (int)response.StatusCode, clock.Elapsed);
        }
        catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException or IOException)
        {
            stats.Record(route, 0, clock.Elapsed);
        }
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
