extern alias marketdata;

using System.Diagnostics;
using Google.Protobuf;
using Grpc.Net.Client;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using PortfolioTracker.Portfolio.Benchmarks;
using PortfolioTracker.Portfolio.Application.Metrics;
using PortfolioTracker.Portfolio.Caching;
using PortfolioTracker.Portfolio.Data;
using PortfolioTracker.Portfolio.Domain.Metrics;
using PortfolioTracker.Portfolio.Grpc;
using PortfolioTracker.Protos.MarketData.V1;
using PortfolioTracker.Protos.Portfolio.V1;
using PortfolioTracker.ServiceDefaults.Data;
using PortfolioTracker.TestSupport;
using StackExchange.Redis;

// Where the time of summary, performance and risk goes, on generated data in a real local
// PostgreSQL and Redis: the ledger read (authenticated, RLS), MarketData's closes query,
// the engine, the service's loader with ledger and market series held in memory, and the
// cached path (Redis). The cold sums leave out the gRPC hop to MarketData.
// Usage: dotnet run -c Release --project bench/Portfolio.Benchmarks
const int Runs = 30;
// Enough calls before timing for the JIT to reach the optimised code a running service has
// (tiered compilation promotes a method after 30 calls; fewer would time unoptimised code).
const int WarmUps = 40;
var start = new DateOnly(2016, 1, 4);
var asOf = start.AddDays(3652);

await using var server = await PostgresServer.StartMigratedAsync(durable: true);
await using var superuser = NpgsqlDataSource.Create(server.SuperuserConnectionString());
// Configured as the services configure theirs (ServiceDefaults: statement preparation).
var authenticatorConnection = new NpgsqlConnectionStringBuilder(server.AuthenticatorConnectionString);
DatabaseExtensions.ApplyStatementPreparation(authenticatorConnection);
await using var authenticator = NpgsqlDataSource.Create(authenticatorConnection.ConnectionString);
var database = new RlsDatabase(authenticator);
await using var redisServer = await RedisServer.StartAsync();
using var redis = await ConnectionMultiplexer.ConnectAsync(redisServer.ConnectionString);

var market = Generated.Market(50, start, asOf);
await Generated.StoreMarketAsync(superuser, market, start, asOf);
var users = new List<(string Name, Guid Id, DbClaims Claims)>();
foreach (var count in new[] { 10_000, 100_000 })
{
    var id = await Generated.StoreUserAsync(superuser, count, 50, start, asOf);
    users.Add(($"{count:N0} transactions", id, DbClaims.FromVerifiedToken($$"""{"sub":"{{id}}","role":"authenticated"}""")));
}
await using (var analyze = superuser.CreateCommand("analyze"))
{
    await analyze.ExecuteNonQueryAsync();
}

var ledgers = new LedgerRepository();
var prices = new marketdata::PortfolioTracker.MarketData.Data.PriceRepository(); // what MarketData runs for GetClosesBatch
var snapshot = market.Snapshot;

// The service's own loading path with everything held in memory, as after any earlier
// request: the ledger (checked against the database's counter on every call) and the
// market series. The MarketData clients point at a closed port, so a fetch would fail loudly.
var memory = Options.Create(new InMemoryOptions());
using var ledgerCache = new LedgerCache(memory);
using var marketCache = new MarketSeriesCache(memory);
foreach (var symbol in market.Symbols)
{
    marketCache.SetStock(symbol, new MarketSeriesCache.StockFacts("USD", snapshot.Find(symbol)!.Sector));
    marketCache.SetCloses(symbol, start, asOf, snapshot.Find(symbol)!.Closes, marketCache.ClosesGeneration(symbol));
}
marketCache.SetFx("USD", "CHF", start, asOf, new ClosePriceSeries(market.UsdChf));
using var nowhere = GrpcChannel.ForAddress("http://127.0.0.1:9");
var marketLoader = new MarketSnapshotLoader(new PriceService.PriceServiceClient(nowhere), marketCache);
var inputs = new MetricsInputLoader(database, new LedgerSource(ledgers, ledgerCache), marketLoader);

Console.WriteLine($"| user | step | p50 ms | p95 ms |");
Console.WriteLine($"|---|---|---|---|");
foreach (var (name, id, claims) in users)
{
    var ledgerRead = await TimeAsync(() => database.RunAsync(claims, async s =>
        await ledgers.ReadAllAsync(s, id, (await ledgers.ReadVersionAsync(s, id, null, default)).Version, default), default));
    var counterRead = await TimeAsync(() => database.RunAsync(claims, s => ledgers.ReadVersionAsync(s, id, null, default), default));
    var held = await database.RunAsync(claims, async s => await ledgers.ReadAllAsync(s, id, (await ledgers.ReadVersionAsync(s, id, null, default)).Version, default), default);
    ledgerCache.Set(id, held);
    var closesAtAsOf = await TimeAsync(() => database.RunAsync(claims, s => prices.GetClosesAsync(s, market.Symbols, asOf, asOf, default), default));
    var ledger = Ledger.Create(held.For(null, asOf));
    var summary = Time(() => PortfolioCalculator.Summarize(ledger, snapshot, "CHF", asOf).ToProto());
    var summaryWarm = await TimeAsync(async () =>
    {
        var loaded = (await inputs.LoadAsync(claims, id, null, asOf, "CHF", asOf, null, default))!;
        return PortfolioCalculator.Summarize(Ledger.Create(loaded.Entries), loaded.Market.Market, loaded.BaseCurrency, asOf).ToProto();
    });
    Print(name, "ledger read, cold (counter + every transaction, authenticated, RLS)", ledgerRead);
    Print(name, "ledger check, warm (counter only: the held copy is current)", counterRead);
    Print(name, "closes on asOf, 50 symbols (MarketData query)", closesAtAsOf);
    Print(name, "summary computation", summary);
    Print(name, "summary uncached, cold = ledger read + closes + computation", Sum(ledgerRead, closesAtAsOf, summary));
    Print(name, "**summary uncached, warm = the service's loader (counter, held ledger and series) + computation**", summaryWarm);
    if (name.StartsWith("10,", StringComparison.Ordinal))
    {
        var closes10y = await TimeAsync(() => database.RunAsync(claims, s => prices.GetClosesAsync(s, market.Symbols, start, asOf, default), default));
        var performance = Time(() => PerformanceCalculator.Compute(ledger, snapshot, "CHF", asOf, PerformanceRanges.All));
        var risk = Time(() => RiskCalculator.Compute(PerformanceCalculator.DailySeries(ledger, snapshot, "CHF", asOf), snapshot.Find("S0")!.Closes, 0.02m));
        var bothWarm = await TimeAsync(async () =>
        {
            var forPerformance = (await inputs.LoadAsync(claims, id, null, asOf, "CHF", null, null, default))!;
            var report = PerformanceCalculator.Compute(Ledger.Create(forPerformance.Entries), forPerformance.Market.Market, "CHF", asOf, PerformanceRanges.All).ToProto(withDailyValues: true);
            var forRisk = (await inputs.LoadAsync(claims, id, null, asOf, "CHF", null, "S0", default))!;
            var daily = PerformanceCalculator.DailySeries(Ledger.Create(forRisk.Entries), forRisk.Market.Market, "CHF", asOf);
            return (report, RiskCalculator.Compute(daily, forRisk.Market.Benchmark, 0.02m).ToProto(asOf, "CHF", "S0"));
        });
        Print(name, "closes over 10 years, 50 symbols (MarketData query)", closes10y);
        Print(name, "performance computation (all ranges, 10-year daily series)", performance);
        Print(name, "risk computation (10-year daily series)", risk);
        Print(name, "performance + risk, cold = ledger read + closes + both computations", Sum(ledgerRead, closes10y, performance, risk));
        Print(name, "**performance + risk, warm = two calls of the service's loader + both computations**", bothWarm);
    }

    if (name.StartsWith("100,", StringComparison.Ordinal))
    {
        // Issue 13: a backdated write (a buy five years back) and the next ledger read (the held
        // copy patched with the changed rows) and state recomputation; then a cold start's read
        // of a persisted checkpoint and the entries after it, and its summary.
        var source = new LedgerSource(ledgers, ledgerCache);
        var state = LedgerState.Build(held.All(null), snapshot, "CHF", asOf);
        var stateVersion = held.Version;
        var portfolio = await database.RunAsync(claims, s => s.ExecuteScalarAsync<Guid>(
            "select portfolio_id from transactions where user_id = $1 limit 1", default, id), default);
        var (patchTimes, recomputeTimes) = (new double[Runs], new double[Runs]);
        for (var i = -5; i < Runs; i++)
        {
            await database.RunAsync(claims, s => s.ExecuteNonQueryAsync(
                """
                insert into transactions (user_id, portfolio_id, transaction_type, symbol, quantity, price, date, currency)
                values ($1, $2, 'BUY', 'S0', 1, 10, $3, 'USD')
                """, default, id, portfolio, asOf.AddYears(-5)), default);
            var stopwatch = Stopwatch.StartNew();
            var (patched, _) = await database.RunAsync(claims, s => source.ReadAsync(s, id, null, default), default);
            var patchMs = stopwatch.Elapsed.TotalMilliseconds;
            stopwatch.Restart();
            state = state.Current(patched!.All(null), snapshot, asOf, patched.PreviousVersion == stateVersion ? patched.ChangedFrom : null);
            stateVersion = patched.Version;
            var recomputeMs = stopwatch.Elapsed.TotalMilliseconds;
            if (i >= 0) (patchTimes[i], recomputeTimes[i]) = (patchMs, recomputeMs);
        }
        Print(name, "ledger read after a backdated write (held copy patched: counter + changed rows, one round trip)", patchTimes);
        Print(name, "state recomputed from five years back (after that write)", recomputeTimes);
        var checkpoints = new LedgerCheckpointRepository();
        await database.RunAsync(claims, s => checkpoints.ReplaceAsync(s, id, "CHF", stateVersion, state.Durable(CheckpointWriter.Kept), default), default);
        var coldRead = await TimeAsync(() => database.RunAsync(claims, s => checkpoints.ReadColdAsync(s, id, "CHF", asOf, default), default));
        var cold = (await database.RunAsync(claims, s => checkpoints.ReadColdAsync(s, id, "CHF", asOf, default), default))!;
        var coldSummary = Time(() => cold.Checkpoint.Summarize(cold.After, snapshot, "CHF", asOf).ToProto());
        Print(name, $"cold start: checkpoint + {cold.After.Count} entries after it (one round trip)", coldRead);
        Print(name, "cold start: summary from the checkpoint", coldSummary);
    }

    var cache = new MetricsCache(redis, database, new MetricsCacheRepository(), new PendingStores(), TimeProvider.System, NullLogger<MetricsCache>.Instance);
    var proto = PortfolioCalculator.Summarize(ledger, snapshot, "CHF", asOf).ToProto();
    var cacheKey = $"summary:all:{asOf:yyyy-MM-dd}:CHF";
    await cache.GetOrComputeAsync(claims, id, cacheKey, PortfolioTracker.Protos.Portfolio.V1.PortfolioSummary.Parser,
        () => Task.FromResult(new MetricsCache.Computed<PortfolioTracker.Protos.Portfolio.V1.PortfolioSummary>(proto, market.Symbols, () => "{}")), default);
    await cache.StoredAsync(id);
    var cached = await TimeAsync(() => cache.GetOrComputeAsync(claims, id, cacheKey, PortfolioTracker.Protos.Portfolio.V1.PortfolioSummary.Parser,
        () => throw new InvalidOperationException("expected a cache hit"), default));
    Print(name, "**summary cached (Redis version + entry, parse)**", cached);
}

// The service's whole uncached path, as the gateway benchmark drives it: the gRPC service class
// itself (result cache in Redis and its record, loader, incremental state, engine, mapping),
// a new asOf every call (one day earlier each time) so the result cache misses; beside it the
// steps of that path, each timed alone on the same held data.
Console.WriteLine();
Console.WriteLine("| user | the service's uncached path (new asOf every call) | p50 ms | p95 ms |");
Console.WriteLine("|---|---|---|---|");
using var stateCache = new LedgerStateCache(memory);
var lifetime = new Microsoft.Extensions.Hosting.Internal.ApplicationLifetime(NullLogger<Microsoft.Extensions.Hosting.Internal.ApplicationLifetime>.Instance);
var checkpointRows = new LedgerCheckpointRepository();
var metricsOptions = Options.Create(new MetricsOptions());
var states = new LedgerStates(stateCache, new CheckpointWriter(database, checkpointRows, metricsOptions, NullLogger<CheckpointWriter>.Instance));
// Every user's ledger is held here, so the cold path (checkpoints) declines at once, as on a warm replica.
var coldSummaries = new CheckpointSummary(database, checkpointRows, ledgerCache,
    new LedgerRefresher(database, new LedgerSource(ledgers, ledgerCache), lifetime, NullLogger<LedgerRefresher>.Instance),
    marketLoader, NullLogger<CheckpointSummary>.Instance);
var metricsCache = new MetricsCache(redis, database, new MetricsCacheRepository(), new PendingStores(), TimeProvider.System, NullLogger<MetricsCache>.Instance);
var service = new MetricsGrpcService(inputs, states, coldSummaries, metricsCache, metricsOptions, TimeProvider.System);
var daysBack = 0;
foreach (var (name, id, claims) in users)
{
    var context = new BenchCallContext(claims);
    string NextAsOf() => asOf.AddDays(-++daysBack).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
    var summaryCall = await TimeAsync(() => service.GetSummary(new GetSummaryRequest { AsOf = NextAsOf(), BaseCurrency = "CHF" }, context));
    var day = asOf.AddDays(-1);
    var loader = await TimeAsync(() => inputs.LoadAsync(claims, id, null, day, "CHF", day, null, default));
    var loaded = (await inputs.LoadAsync(claims, id, null, day, "CHF", day, null, default))!;
    var state = Time(() => states.Current(claims, id, null, loaded, day));
    var held = states.Current(claims, id, null, loaded, day);
    var summaryComputation = Time(() => held.Summarize(loaded.Market.Market, day).ToProto());
    Print(name, "**summary: GetSummary, result cache missed**", summaryCall);
    Print(name, "summary: its loader (ledger counter, held ledger and market series)", loader);
    Print(name, "summary: its incremental state brought up to date (LedgerStates.Current)", state);
    Print(name, "summary: its computation from the state + mapping", summaryComputation);

    var bothCalls = await TimeAsync(async () =>
    {
        var on = NextAsOf();
        var performance = await service.GetPerformance(new GetPerformanceRequest { AsOf = on, BaseCurrency = "CHF", Range = "1d,1w,1m,ytd,1y,max" }, context);
        var risk = await service.GetRisk(new GetRiskRequest { AsOf = on, BaseCurrency = "CHF", Benchmark = "S0" }, context);
        return (performance, risk);
    });
    var seriesLoaded = (await inputs.LoadAsync(claims, id, null, day, "CHF", null, "S0", default))!;
    var seriesLoader = await TimeAsync(() => inputs.LoadAsync(claims, id, null, day, "CHF", null, "S0", default));
    var seriesState = states.Current(claims, id, null, seriesLoaded, day);
    var series = Time(() => seriesState.DailySeries(seriesLoaded.Market.Market, day));
    var daily = seriesState.DailySeries(seriesLoaded.Market.Market, day);
    var report = PerformanceCalculator.Compute(daily, "CHF", seriesState.TracksCash(day), day, PerformanceRanges.All);
    var returns = Time(() => PerformanceCalculator.Compute(daily, "CHF", seriesState.TracksCash(day), day, PerformanceRanges.All));
    var riskComputation = Time(() => RiskCalculator.Compute(daily, seriesLoaded.Market.Benchmark, 0.02m));
    var mapping = Time(() => report.ToProto(withDailyValues: true));
    var proto = report.ToProto(withDailyValues: true);
    var bytes = Time(() => proto.ToByteArray());
    var json = Time(() => Google.Protobuf.JsonFormatter.Default.Format(proto));
    Print(name, "**performance (all ranges, daily series) + risk: GetPerformance + GetRisk, result cache missed**", bothCalls);
    Print(name, "performance or risk: its loader (10-year series held)", seriesLoader);
    Print(name, $"performance or risk: the daily series from the state ({daily.Count:N0} days)", series);
    Print(name, "performance: returns of all ranges from the series (TWR, XIRR)", returns);
    Print(name, "risk: statistics from the series", riskComputation);
    Print(name, "performance: mapping to the proto with the daily series", mapping);
    Print(name, $"performance: proto to bytes ({proto.CalculateSize():N0} bytes, for the result cache)", bytes);
    Print(name, $"performance: proto to JSON ({System.Text.Encoding.UTF8.GetByteCount(Google.Protobuf.JsonFormatter.Default.Format(proto)):N0} bytes)", json);
}

foreach (var (name, id, _) in users)
{
    Console.WriteLine();
    Console.WriteLine($"Plan of the ledger read ({name}, as authenticated):");
    await using var connection = await authenticator.OpenConnectionAsync();
    await using var transaction = await connection.BeginTransactionAsync();
    await using (var claims = new NpgsqlCommand("select set_config('role', 'authenticated', true), set_config('request.jwt.claims', $1, true)", connection, transaction))
    {
        claims.Parameters.Add(new NpgsqlParameter { Value = $$"""{"sub":"{{id}}","role":"authenticated"}""" });
        await claims.ExecuteNonQueryAsync();
    }
    await using var plan = new NpgsqlCommand(
        """
        explain (analyze, buffers, costs off)
        select id, portfolio_id, transaction_type, symbol, date, quantity, price, commission, currency from transactions
        where user_id = $1
        order by date, case transaction_type when 'SPLIT' then 0 when 'BUY' then 1 when 'SELL' then 3 else 2 end, created_at, id
        """, connection, transaction);
    plan.Parameters.Add(new NpgsqlParameter { Value = id });
    await using var reader = await plan.ExecuteReaderAsync();
    while (await reader.ReadAsync())
    {
        Console.WriteLine("    " + reader.GetString(0));
    }
}

static async Task<double[]> TimeAsync<T>(Func<Task<T>> work)
{
    for (var i = 0; i < WarmUps; i++)
    {
        await work();
    }
    var times = new double[Runs];
    for (var i = 0; i < Runs; i++)
    {
        var stopwatch = Stopwatch.StartNew();
        await work();
        times[i] = stopwatch.Elapsed.TotalMilliseconds;
    }
    return times;
}

static double[] Time<T>(Func<T> work)
{
    for (var i = 0; i < WarmUps; i++)
    {
        work();
    }
    var times = new double[Runs];
    for (var i = 0; i < Runs; i++)
    {
        var stopwatch = Stopwatch.StartNew();
        work();
        times[i] = stopwatch.Elapsed.TotalMilliseconds;
    }
    return times;
}

static double[] Sum(params double[][] parts) =>
    Enumerable.Range(0, Runs).Select(i => parts.Sum(p => p[i])).ToArray();

static void Print(string user, string step, double[] times)
{
    var sorted = times.Order().ToArray();
    Console.WriteLine($"| {user} | {step} | {sorted[sorted.Length / 2]:N2} | {sorted[(int)(sorted.Length * 0.95)]:N2} |");
}
