using System.Diagnostics;

namespace PortfolioTracker.Metrics.Gateway;

/// <summary>Completed calls per second of one phase, and what was refused or failed.</summary>
public sealed record ThroughputFigure(string Workload, int Clients, TimeSpan Duration, long Ok, long RateLimited, long Failed, Latencies Latencies, string FailedStatuses)
{
    public double PerSecond => Ok / Duration.TotalSeconds;
}

/// <summary>
/// Closed-loop clients for a fixed time: each sends its next call as soon as the previous one is
/// answered. A 429 is counted apart (then the phase measured the gateway's budget, not the suite).
/// </summary>
public static class Throughput
{
    public static async Task<ThroughputFigure> RunAsync(
        HttpClient http, string workload, BenchOptions options, Func<int, BenchUser>? userOf, Func<int, string> pathOf)
    {
        long ok = 0, limited = 0, failed = 0;
        var statuses = new System.Collections.Concurrent.ConcurrentDictionary<int, int>();
        var latencies = new Latencies();
        var clock = Stopwatch.StartNew();
        var clients = Enumerable.Range(0, options.Clients).Select(client => Task.Run(async () =>
        {
            var user = userOf?.Invoke(client);
            var n = client;
            while (clock.Elapsed < options.Concurrent)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, pathOf(n++));
                if (user is not null)
                {
                    await user.KeepFreshAsync(http);
                    request.Headers.Authorization = new("Bearer", user.AccessToken);
                }
                var call = Stopwatch.StartNew();
                try
                {
                    using var response = await http.SendAsync(request);
                    await response.Content.ReadAsByteArrayAsync();
                    var status = (int)response.StatusCode;
                    if (status == 429)
                    {
                        Interlocked.Increment(ref limited);
                    }
                    else if (status is >= 200 and < 300)
                    {
                        Interlocked.Increment(ref ok);
                        lock (latencies)
                        {
                            latencies.Add(call.Elapsed.TotalMilliseconds);
                        }
                    }
                    else
                    {
                        Interlocked.Increment(ref failed);
                        statuses.AddOrUpdate(status, 1, (_, n) => n + 1);
                    }
                }
                catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or IOException)
                {
                    Interlocked.Increment(ref failed);
                    statuses.AddOrUpdate(0, 1, (_, n) => n + 1);
                }
            }
        })).ToList();
        await Task.WhenAll(clients);
        return new ThroughputFigure(workload, options.Clients, clock.Elapsed, ok, limited, failed, latencies,
            string.Join(" ", statuses.OrderBy(s => s.Key).Select(s => $"{(s.Key == 0 ? "none" : s.Key)}×{s.Value}")));
    }
}
