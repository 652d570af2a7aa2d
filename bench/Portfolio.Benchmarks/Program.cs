using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using NpgsqlTypes;
using PortfolioTracker.MarketData.Data;
using PortfolioTracker.Portfolio.Benchmarks;
using PortfolioTracker.Portfolio.Caching;
using PortfolioTracker.Portfolio.Data;
using PortfolioTracker.Portfolio.Domain.Metrics;
using PortfolioTracker.Portfolio.Grpc;
using PortfolioTracker.ServiceDefaults.Data;
using PortfolioTracker.TestSupport;
using StackExchange.Redis;

// Where the time of summary, performance and risk goes, on generated data in a real local
// PostgreSQL and Redis: the ledger read (authenticated, RLS), MarketData's closes query,
// the engine, and the cached path (Redis). The gRPC hops between services are not included.
// Usage: dotnet run -c Release --project bench/Portfolio.Benchmarks
const int Runs = 30;
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
var prices = new PriceRepository();
var snapshot = market.Snapshot;
Console.WriteLine($"| user | step | p50 ms | p95 ms |");
Console.WriteLine($"|---|---|---|---|");
foreach (var (name, id, claims) in users)
{
    var ledgerRead = await TimeAsync(() => database.RunAsync(claims, s => ledgers.ReadAsync(s, id, null, asOf, default), default));
    var entries = await database.RunAsync(claims, s => ledgers.ReadAsync(s, id, null, asOf, default), default);
    var closesAtAsOf = await TimeAsync(() => database.RunAsync(claims, s => prices.GetClosesAsync(s, market.Symbols, asOf, asOf, default), default));
    var ledger = Ledger.Create(entries);
    var summary = Time(() => PortfolioCalculator.Summarize(ledger, snapshot, "CHF", asOf).ToProto());
    Print(name, "ledger read (authenticated, RLS)", ledgerRead);
    Print(name, "closes on asOf, 50 symbols (MarketData query)", closesAtAsOf);
    Print(name, "summary computation", summary);
    Print(name, "summary uncached = read + closes + computation", Sum(ledgerRead, closesAtAsOf, summary));
    if (name.StartsWith("10,", StringComparison.Ordinal))
    {
        var closes10y = await TimeAsync(() => database.RunAsync(claims, s => prices.GetClosesAsync(s, market.Symbols, start, asOf, default), default));
        var performance = Time(() => PerformanceCalculator.Compute(ledger, snapshot, "CHF", asOf, PerformanceRanges.All));
        var risk = Time(() => RiskCalculator.Compute(PerformanceCalculator.DailySeries(ledger, snapshot, "CHF", asOf), snapshot.Find("S0")!.Closes, 0.02m));
        Print(name, "closes over 10 years, 50 symbols (MarketData query)", closes10y);
        Print(name, "performance computation (all ranges, 10-year daily series)", performance);
        Print(name, "risk computation (10-year daily series)", risk);
        Print(name, "performance + risk = read + closes + both computations", Sum(ledgerRead, closes10y, performance, risk));
    }

    var cache = new MetricsCache(redis, database, TimeProvider.System, NullLogger<MetricsCache>.Instance);
    var proto = PortfolioCalculator.Summarize(ledger, snapshot, "CHF", asOf).ToProto();
    var cacheKey = $"summary:all:{asOf:yyyy-MM-dd}:CHF";
    await cache.GetOrComputeAsync(claims, id, cacheKey, PortfolioTracker.Protos.Portfolio.V1.PortfolioSummary.Parser,
        () => Task.FromResult(new MetricsCache.Computed<PortfolioTracker.Protos.Portfolio.V1.PortfolioSummary>(proto, market.Symbols, "{}")), default);
    var cached = await TimeAsync(() => cache.GetOrComputeAsync(claims, id, cacheKey, PortfolioTracker.Protos.Portfolio.V1.PortfolioSummary.Parser,
        () => throw new InvalidOperationException("expected a cache hit"), default));
    Print(name, "summary cached (Redis version + entry, parse)", cached);
}

Console.WriteLine();
Console.WriteLine("Plan of the ledger read (10,000 transactions, as authenticated):");
await using (var connection = await authenticator.OpenConnectionAsync())
await using (var transaction = await connection.BeginTransactionAsync())
{
    await using (var claims = new NpgsqlCommand("select set_config('role', 'authenticated', true), set_config('request.jwt.claims', $1, true)", connection, transaction))
    {
        claims.Parameters.Add(new NpgsqlParameter { Value = $$"""{"sub":"{{users[0].Id}}","role":"authenticated"}""" });
        await claims.ExecuteNonQueryAsync();
    }
    await using var plan = new NpgsqlCommand(
        """
        explain (analyze, buffers, costs off)
        select id, transaction_type, symbol, date, quantity, price, commission, currency from transactions
        where user_id = $1 and ($2::uuid is null or portfolio_id = $2) and date <= $3
        order by date, case transaction_type when 'SPLIT' then 0 when 'BUY' then 1 when 'SELL' then 3 else 2 end, created_at, id
        """, connection, transaction);
    plan.Parameters.Add(new NpgsqlParameter { Value = users[0].Id });
    plan.Parameters.Add(new NpgsqlParameter { Value = DBNull.Value, NpgsqlDbType = NpgsqlDbType.Uuid });
    plan.Parameters.Add(new NpgsqlParameter { Value = asOf });
    await using var reader = await plan.ExecuteReaderAsync();
    while (await reader.ReadAsync())
    {
        Console.WriteLine("    " + reader.GetString(0));
    }
}

static async Task<double[]> TimeAsync<T>(Func<Task<T>> work)
{
    await work();
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
    work();
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
