using System.Diagnostics;
using System.Net;
using PortfolioTracker.EndToEnd.Tests.Support;
using PortfolioTracker.Protos.Portfolio.V1;
using StackExchange.Redis;
using Xunit.Abstractions;

namespace PortfolioTracker.EndToEnd.Tests;

/// <summary>
/// Failures of real processes under concurrent traffic, in a suite of their own: Redis, PostgreSQL
/// and a service SIGKILLed (the AppHost's supervisor starts them again), every database connection
/// terminated, MarketData killed. Each test checks how every call was answered and that every
/// write acknowledged meanwhile is stored exactly once.
/// </summary>
[Collection(ResilienceCollection.Name)]
public sealed class ResilienceTests(ResilienceFixture suite, ITestOutputHelper output) : IAsyncLifetime
{
    // Bounded waits for a serving suite around each test: a test never starts on one still
    // recovering from the last, and one that leaves it broken fails here, by name.
    private static readonly TimeSpan ServingWithin = TimeSpan.FromSeconds(90);

    private static readonly TimeSpan Before = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan FailFast = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan ServiceBackWithin = TimeSpan.FromSeconds(30);
    private static readonly string[] Services = ["marketdata", "portfolio", "dividends", "gateway"];

    [Fact]
    public async Task RedisKilledMidTrafficIsStartedAgainWhileEveryReadAndWriteAnswersAndTheMetricsCacheResumes()
    {
        var user = await suite.Http.SignUpAsync();
        var traffic = new Traffic(suite, user);
        var services = ServiceProcesses();

        var (killed, restarted, backAfter) = await traffic.AroundAsync(async () =>
        {
            var pid = await suite.KillAsync("redis");
            var clock = Stopwatch.StartNew();
            var again = await suite.RunningProcessAsync("redis", TimeSpan.FromSeconds(20), notThis: pid);
            return (pid, again, clock.Elapsed);
        }, Before, after: TimeSpan.FromSeconds(3));

        Assert.NotEqual(killed, restarted);
        Assert.True(backAfter < ResilienceFixture.RestartDelay + TimeSpan.FromSeconds(10), $"Redis ran again after {backAfter}");
        Assert.True(traffic.Answers.All(a => a.Status == 200), traffic.Failures());
        await traffic.AssertEveryAcknowledgedWriteStoredOnceAsync();
        Assert.Equal(services, ServiceProcesses());

        // The cache resumes by itself: a summary computed now is stored in the new Redis.
        await using var redis = await ConnectionMultiplexer.ConnectAsync(suite.RedisConnection);
        var server = redis.GetServers().Single();
        var cached = false;
        for (var clock = Stopwatch.StartNew(); !cached && clock.Elapsed < TimeSpan.FromSeconds(30); await Task.Delay(500))
        {
            var summary = await traffic.CallAsync("GET /v1/portfolio/summary", HttpMethod.Get, "/v1/portfolio/summary");
            Assert.True(summary.Status == 200, summary.Body);
            await foreach (var _ in server.KeysAsync(pattern: $"metrics:{user.Id}:*"))
            {
                cached = true;
                break;
            }
        }
        Assert.True(cached, "no metrics entry reached the restarted Redis within 30 s");
        output.WriteLine($"redis ran again {backAfter.TotalSeconds:F1} s after the kill");
    }

    [Fact]
    public async Task TerminatingEveryServiceDatabaseConnectionMidTrafficAnswersNo500AndLosesNoAcknowledgedWrite()
    {
        var user = await suite.Http.SignUpAsync();
        var traffic = new Traffic(suite, user);

        var terminated = await traffic.AroundAsync(async () =>
        {
            long count = 0;
            for (var round = 0; round < 3; round++)
            {
                count += await suite.CountAsync(
                    "select count(*) from (select pg_terminate_backend(pid) from pg_stat_activity where usename = 'authenticator') cut");
                await Task.Delay(700);
            }
            return count;
        }, Before, after: TimeSpan.FromSeconds(2));

        Assert.True(terminated > 0, "no authenticator connection was open to terminate");
        Assert.True(traffic.Answers.All(a => a.Status is 200 or 503), traffic.Failures());
        Assert.True(traffic.Answers.Where(a => a.Status == 503).All(a => a.Took < FailFast), traffic.Failures(a => a.Took >= FailFast));
        // The cut connections were retried on fresh ones: most calls never noticed.
        Assert.True(traffic.Answers.Count(a => a.Status == 200) > traffic.Answers.Count * 9 / 10, traffic.Failures());
        await traffic.AssertEveryAcknowledgedWriteStoredOnceAsync();
    }

    [Fact]
    public async Task PostgresKilledMidTrafficIsStartedAgainAndTheServicesRecoverWithoutBeingRestarted()
    {
        var user = await suite.Http.SignUpAsync();
        var traffic = new Traffic(suite, user);
        var services = ServiceProcesses();

        var (killed, restarted, servingAfter) = await traffic.AroundAsync(async () =>
        {
            var pid = await suite.KillAsync("postgres");
            var clock = Stopwatch.StartNew();
            var again = await suite.RunningProcessAsync("postgres", TimeSpan.FromSeconds(30), notThis: pid);
            await EventuallyAsync(() => traffic.WriteAsync(overGrpc: false), TimeSpan.FromSeconds(30));
            return (pid, again, clock.Elapsed);
        }, Before, after: TimeSpan.FromSeconds(2));

        Assert.NotEqual(killed, restarted);
        Assert.True(servingAfter < TimeSpan.FromSeconds(30), $"writes succeeded again only after {servingAfter}");
        // While it was down: 503 UNAVAILABLE, quickly; never a 500, a 504 or no answer.
        Assert.True(traffic.Answers.All(a => a.Status is 200 or 503), traffic.Failures());
        Assert.True(traffic.Answers.Where(a => a.Status == 503).All(a => a.Took < TimeSpan.FromSeconds(5)), traffic.Failures());
        Assert.Contains(traffic.Answers, a => a.Status == 503);
        // Afterwards every route answers again, over JSON and gRPC, from the same service processes.
        foreach (var overGrpc in new[] { false, true })
        {
            Assert.Equal(200, (await traffic.WriteAsync(overGrpc)).Status);
            Assert.Equal(200, (await traffic.ReadAsync(overGrpc)).Status);
        }
        // The test's own superuser connections died with the server too.
        suite.Superuser.Clear();
        await traffic.AssertEveryAcknowledgedWriteStoredOnceAsync();
        Assert.Equal(services, ServiceProcesses());
        output.WriteLine($"postgres ran again as {restarted}; writes succeeded again {servingAfter.TotalSeconds:F1} s after the kill");
    }

    [Fact]
    public async Task AServiceKilledMidTrafficIsAnswered503WithinTwoSecondsOverJsonAndGrpcAndRunsAgainWithinThirtySeconds()
    {
        var user = await suite.Http.SignUpAsync();
        var traffic = new Traffic(suite, user);
        var transactions = new TransactionService.TransactionServiceClient(suite.Grpc);
        var others = ServiceProcesses().Where(p => p.Key != "portfolio").ToList();

        var runningAfter = TimeSpan.Zero;
        var (json, grpc, killed, restarted, backAfter) = await traffic.AroundAsync(async () =>
        {
            var pid = await suite.KillAsync("portfolio");
            var clock = Stopwatch.StartNew();
            // The supervisor waits RestartDelay before starting it again: these find it down.
            var downJson = await traffic.CallAsync("GET /v1/transactions (down)", HttpMethod.Get, "/v1/transactions");
            var downGrpc = await traffic.CallAsync("grpc ListTransactions (down)",
                (headers, deadline) => transactions.ListTransactionsAsync(new ListTransactionsRequest(), headers, deadline));
            var again = await suite.RunningProcessAsync("portfolio", ServiceBackWithin, notThis: pid);
            runningAfter = clock.Elapsed;
            await EventuallyAsync(() => traffic.ReadAsync(overGrpc: false), ServiceBackWithin - clock.Elapsed);
            return (downJson, downGrpc, pid, again, clock.Elapsed);
        }, Before, after: TimeSpan.FromSeconds(2));

        Assert.True(json.Status == 503 && json.Took < FailFast, $"JSON: {json.Status} after {json.Took}: {json.Body}");
        Assert.Equal(14, System.Text.Json.Nodes.JsonNode.Parse(json.Body)!["code"]!.GetValue<int>());
        Assert.True(grpc.Status == 503 && grpc.Took < FailFast, $"gRPC: {grpc.Status} after {grpc.Took}: {grpc.Body}");
        Assert.NotEqual(killed, restarted);
        Assert.True(backAfter < ServiceBackWithin, $"portfolio answered again after {backAfter}");
        // Calls in flight when it died may be 502; every other refusal is a quick 503.
        Assert.True(traffic.Answers.All(a => a.Status is 200 or 502 or 503), traffic.Failures());
        Assert.True(traffic.Answers.Where(a => a.Status != 200).All(a => a.Took < FailFast), traffic.Failures(a => a.Took >= FailFast));
        await traffic.AssertEveryAcknowledgedWriteStoredOnceAsync();
        Assert.Equal(others, ServiceProcesses().Where(p => p.Key != "portfolio").ToList());
        output.WriteLine($"portfolio down: JSON 503 in {json.Took.TotalMilliseconds:F0} ms, gRPC in {grpc.Took.TotalMilliseconds:F0} ms; its process ran again {runningAfter.TotalSeconds:F1} s and answered {backAfter.TotalSeconds:F1} s after the kill");
    }

    [Fact]
    public async Task WhileMarketDataIsDownPortfolioReadsAndWritesWorkAndMetricsAnswer503NamingMarketData()
    {
        var user = await suite.Http.SignUpAsync();
        var traffic = new Traffic(suite, user);
        var metrics = new MetricsService.MetricsServiceClient(suite.Grpc);
        // A symbol MarketData has never heard of: Portfolio holds nothing about it, so every
        // summary must ask MarketData.
        await suite.Http.CreateTransactionAsync(user, Api.Buy(symbol: GrpcCalls.NewSymbol("RZ")));

        var (json, grpc, backAfter) = await traffic.AroundAsync(async () =>
        {
            await suite.KillAsync("marketdata");
            var clock = Stopwatch.StartNew();
            // The supervisor waits RestartDelay before starting it again: these find it down.
            using var response = await suite.Http.SendAsync(HttpMethod.Get, "/v1/portfolio/summary", user.AccessToken);
            var body = await response.ReadJsonAsync();
            var overJson = (response.StatusCode, Took: clock.Elapsed, Body: body, RetryAfter: response.Headers.RetryAfter?.Delta);
            var overGrpc = await traffic.CallAsync("grpc GetSummary (down)",
                (headers, deadline) => metrics.GetSummaryAsync(new GetSummaryRequest(), headers, deadline));
            Assert.True(clock.Elapsed < ResilienceFixture.RestartDelay, $"the checks took {clock.Elapsed}: MarketData may have been back");
            // Reads and writes go on meanwhile; then MarketData answers again.
            var back = await EventuallyAsync(
                () => traffic.CallAsync("GET /v1/portfolio/summary (back)", HttpMethod.Get, "/v1/portfolio/summary"),
                TimeSpan.FromSeconds(60), answer => answer.Status != 503);
            Assert.True(back.Status < 500, back.Body);
            return (overJson, overGrpc, clock.Elapsed);
        }, Before, after: TimeSpan.FromSeconds(1));

        Assert.True(json.StatusCode == HttpStatusCode.ServiceUnavailable && json.Took < FailFast, $"{json.StatusCode} after {json.Took}: {json.Body.Json()}");
        Assert.Equal(14, json.Body["code"]!.GetValue<int>());
        Assert.Contains("marketdata service is unavailable", json.Body["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", json.Body.Json(), StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromSeconds(2), json.RetryAfter);
        Assert.True(grpc.Status == 503 && grpc.Took < FailFast && grpc.Body.Contains("marketdata service is unavailable", StringComparison.Ordinal),
            $"gRPC: {grpc.Status} after {grpc.Took}: {grpc.Body}");
        // Transactions never need MarketData: every read and write answered, down or not.
        Assert.True(traffic.Answers.Where(a => a.Call.Contains("ransaction", StringComparison.Ordinal)).All(a => a.Status == 200), traffic.Failures());
        await traffic.AssertEveryAcknowledgedWriteStoredOnceAsync();
        output.WriteLine($"marketdata answered again {backAfter.TotalSeconds:F1} s after the kill");
    }

    public async Task InitializeAsync()
    {
        var took = await suite.ServingAsync(ServingWithin);
        output.WriteLine($"the suite served {took.TotalSeconds:F1} s after the test began");
    }

    public async Task DisposeAsync()
    {
        var took = await suite.ServingAsync(ServingWithin);
        output.WriteLine($"the suite served again {took.TotalSeconds:F1} s after the test ended");
    }

    /// <summary>Each service's process now, by resource name.</summary>
    private Dictionary<string, int?> ServiceProcesses() => Services.ToDictionary(name => name, suite.CurrentProcessId);

    private static Task<Traffic.Answer> EventuallyAsync(Func<Task<Traffic.Answer>> call, TimeSpan within) =>
        EventuallyAsync(call, within, answer => answer.Status == 200);

    private static async Task<T> EventuallyAsync<T>(Func<Task<T>> call, TimeSpan within, Func<T, bool> done)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var result = await call();
            if (done(result))
            {
                return result;
            }
            Assert.True(clock.Elapsed < within, $"not done within {within}: {result}");
            await Task.Delay(250);
        }
    }
}
