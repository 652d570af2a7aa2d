extern alias marketdata;
extern alias portfolio;
using System.Diagnostics;
using Grpc.Core;
using Npgsql;
using Microsoft.Extensions.DependencyInjection;
using PortfolioTracker.Dividends.Data;
using PortfolioTracker.Dividends.Domain;
using PortfolioTracker.ServiceDefaults.Data;
using PortfolioTracker.Protos.Dividends.V1;
using PortfolioTracker.TestSupport;
using EventsClient = PortfolioTracker.Protos.MarketData.V1.DividendEventService.DividendEventServiceClient;
using EventsRequest = PortfolioTracker.Protos.MarketData.V1.GetDividendEventsBatchRequest;
using FxClient = PortfolioTracker.Protos.MarketData.V1.FxService.FxServiceClient;
using FxQuery = PortfolioTracker.Protos.MarketData.V1.FxQuery;
using FxRequest = PortfolioTracker.Protos.MarketData.V1.GetFxRatesBatchRequest;
using HoldingsClient = PortfolioTracker.Protos.Portfolio.V1.HoldingService.HoldingServiceClient;
using HoldingsRequest = PortfolioTracker.Protos.Portfolio.V1.ListHoldingsRequest;
using PricesClient = PortfolioTracker.Protos.MarketData.V1.PriceService.PriceServiceClient;
using PricesRequest = PortfolioTracker.Protos.MarketData.V1.GetLatestPricesBatchRequest;
using LedgerClient = PortfolioTracker.Protos.Portfolio.V1.DividendLedgerService.DividendLedgerServiceClient;
using LedgerRequest = PortfolioTracker.Protos.Portfolio.V1.GetShareHistoryRequest;

namespace PortfolioTracker.Dividends.Benchmarks;

// Where the time of a dividend sync and an income report goes, on generated data in a real
// local PostgreSQL and Redis with the three services in process (gRPC over in-memory handlers):
// one user with 10,000 transactions over 20 symbols, each paying quarterly for 20 years (1,600
// events). Steps: the whole first sync (nothing stored yet), its parts (share history from
// Portfolio, the events batch from MarketData, the pure entitlement), the re-sync with nothing
// new, and the income report (base EUR: every payment converted at its pay date's FX).
// Usage: dotnet run -c Release --project bench/Dividends.Benchmarks [-- --runs N]
public static class DividendBenchmark
{
    private const int WarmUps = 10;
    private const int Symbols = 20, Transactions = 10_000, Years = 20;

    public static async Task Main(string[] args)
    {
        var runs = args.Length >= 2 && args[0] == "--runs" ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 30;
        var explain = args.Contains("--explain");
        var start = new DateOnly(2005, 1, 3);

        await using var postgres = await PostgresServer.StartMigratedAsync(durable: true);
        await using var redis = await RedisServer.StartAsync();
        using var tokens = new TestTokens();
        await using var superuser = NpgsqlDataSource.Create(postgres.SuperuserConnectionString());
        var user = await GeneratedUser.StoreAsync(superuser, Symbols, Transactions, Years, start);
        await using var services = new ThreeServices(postgres, redis, tokens);
        var headers = new Metadata { { "Authorization", "Bearer " + tokens.ForUser(user.Id) } };
        var dividends = new DividendService.DividendServiceClient(services.Dividends);
        var ledger = new LedgerClient(services.Portfolio);
        var events = new EventsClient(services.MarketData);

        async Task ForgetAsync()
        {
            foreach (var table in new[] { "user_dividends", "dividend_sync_state" })
            {
                await using var command = superuser.CreateCommand($"delete from {table} where user_id = $1");
                command.Parameters.Add(new NpgsqlParameter { Value = user.Id });
                await command.ExecuteNonQueryAsync();
            }
        }

        var first = await dividends.SyncDividendsAsync(new SyncDividendsRequest(), headers);
        Console.WriteLine($"first sync: created {first.Created} rows from {user.Events} events and {Transactions} transactions");
        if (explain)
        {
            await ExplainFirstSyncAsync();
            return;
        }

        Console.WriteLine("| step | p50 ms | p95 ms |");
        Console.WriteLine("|---|---|---|");
        // The whole first sync, and the split of the same runs: the sync's steps and each
        // service's handling of the calls it answered (spans, listened to only here).
        var spans = new SpanRecorder();
        await ReportAsync("first sync (whole, nothing stored)", async () => await dividends.SyncDividendsAsync(new SyncDividendsRequest(), headers),
            async () => { await ForgetAsync(); spans.Discard(); }, spans.EndRun);
        spans.Dispose();
        foreach (var (name, p50, p95) in spans.Medians())
        {
            Console.WriteLine($"| - split: {name} | {p50:F1} | {p95:F1} |");
        }
        await ReportAsync("- share history from Portfolio (one call)", async () => await ledger.GetShareHistoryAsync(new LedgerRequest(), headers));
        var eventsRequest = new EventsRequest();
        eventsRequest.Symbols.AddRange(user.Symbols);
        await ReportAsync("- events batch from MarketData (one call)", async () => await events.GetDividendEventsBatchAsync(eventsRequest, headers));
        var history = await ledger.GetShareHistoryAsync(new LedgerRequest(), headers);
        var batch = await events.GetDividendEventsBatchAsync(eventsRequest, headers);
        var positions = GeneratedUser.Positions(history);
        var eventsBySymbol = GeneratedUser.EventsOf(batch);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        await ReportAsync("- entitlement (pure)", () => { OwedDividends.Compute(positions, eventsBySymbol, today); return Task.CompletedTask; });
        var owed = OwedDividends.Compute(positions, eventsBySymbol, today);
        var database = services.DividendServices.GetRequiredService<RlsDatabase>();
        var repository = services.DividendServices.GetRequiredService<DividendRepository>();
        var claims = DbClaims.ForUser(user.Id);
        await ReportAsync("- write: stored rows compared, pending rows inserted with the sync state (one database transaction)", async () =>
            await database.RunAsync(claims, async session =>
            {
                var plan = SyncPlan.Build(owed, await repository.SyncRowsAsync(session, user.Id, default));
                return await repository.ApplyAsync(session, user.Id, plan, new SyncRecord(DateTimeOffset.UtcNow, today, 0, "bench"), default);
            }, default), ForgetAsync);
        await ForgetAsync(); // the step's sync state names no real events watermark
        await dividends.SyncDividendsAsync(new SyncDividendsRequest(), headers);
        await ReportAsync("re-sync, nothing new", async () => await dividends.SyncDividendsAsync(new SyncDividendsRequest(), headers));
        await using (var confirm = superuser.CreateCommand("update user_dividends set status = 'confirmed' where user_id = $1"))
        {
            confirm.Parameters.Add(new NpgsqlParameter { Value = user.Id });
            Console.WriteLine($"confirmed {await confirm.ExecuteNonQueryAsync()} rows for the income report");
        }
        await ReportAsync("income report (base EUR)", async () => await dividends.GetIncomeAsync(new GetIncomeRequest { BaseCurrency = "EUR" }, headers));
        await ReportAsync("income report (base USD, no FX)", async () => await dividends.GetIncomeAsync(new GetIncomeRequest { BaseCurrency = "USD" }, headers));
        await ReportAsync("- confirmed rows read (one database transaction)", async () =>
            await database.RunAsync(claims, session => repository.IncomeRowsAsync(session, user.Id, default), default));
        await ReportAsync("- holdings from Portfolio (one call)", async () => await new HoldingsClient(services.Portfolio).ListHoldingsAsync(new HoldingsRequest(), headers));
        var pricesRequest = new PricesRequest { AsOf = today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) };
        pricesRequest.Symbols.AddRange(user.Symbols);
        await ReportAsync("- latest closes from MarketData (one call)", async () => await new PricesClient(services.MarketData).GetLatestPricesBatchAsync(pricesRequest, headers));
        var rows = await database.RunAsync(claims, session => repository.IncomeRowsAsync(session, user.Id, default), default);
        var payments = rows.Select(r => new IncomePayment(r.Symbol, r.Date, r.Currency, r.AmountPerShare, r.Gross, r.Tax, 1m)).ToList();
        await ReportAsync("- the report's arithmetic (pure)", () => { IncomeCalculator.Summarise(payments, null, new Dictionary<string, HeldSymbol>(), today); return Task.CompletedTask; });
        var fxRequest = new FxRequest();
        fxRequest.Queries.AddRange(rows.Select(r => r.Date).Distinct().Select(d => new FxQuery { From = "USD", To = "EUR", Date = d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) }));
        await ReportAsync($"- FX batch from MarketData as a first report asks it ({fxRequest.Queries.Count} dates; later reports reuse the settled rates)",
            async () => await new FxClient(services.MarketData).GetFxRatesBatchAsync(fxRequest, headers));

        // --explain: the plans (with triggers and buffers) of every statement of a first sync that
        // took over 2 ms, as auto_explain logs them (new connections load it).
        async Task ExplainFirstSyncAsync()
        {
            // Loaded on the one connection first, so that its settings are known to alter system.
            await using (var connection = await superuser.OpenConnectionAsync())
            {
                foreach (var statement in new[]
                {
                    "load 'auto_explain'", "alter system set session_preload_libraries = 'auto_explain'",
                    "alter system set auto_explain.log_min_duration = 2", "alter system set auto_explain.log_analyze = on",
                    "alter system set auto_explain.log_buffers = on", "alter system set auto_explain.log_triggers = on",
                    "alter system set auto_explain.log_nested_statements = on", "alter system set auto_explain.log_verbose = on",
                })
                {
                    await using var command = new NpgsqlCommand(statement, connection);
                    await command.ExecuteNonQueryAsync();
                }
            }
            await using (var reload = superuser.CreateCommand("select pg_reload_conf()"))
            {
                await reload.ExecuteNonQueryAsync();
            }
            // The services' pooled connections started without it: ended, they are replaced (a unit
            // of work that meets a lost connection runs again on a fresh one).
            await using (var terminate = superuser.CreateCommand("select pg_terminate_backend(pid) from pg_stat_activity where usename = 'authenticator'"))
            {
                await terminate.ExecuteNonQueryAsync();
            }
            for (var i = 0; i < 3; i++)
            {
                await ForgetAsync();
                var from = postgres.LogLines.Count;
                await dividends.SyncDividendsAsync(new SyncDividendsRequest(), headers);
                await Task.Delay(500);
                Console.WriteLine($"--- first sync {i + 1}: statements over 2 ms");
                foreach (var line in postgres.LogLines.Skip(from))
                {
                    Console.WriteLine(line);
                }
            }
        }

        // p50 and p95 of the timed runs; afterRun is told each timed run's time.
        async Task ReportAsync(string step, Func<Task> work, Func<Task>? before = null, Action<double>? afterRun = null)
        {
            var times = new List<double>();
            for (var i = 0; i < WarmUps + runs; i++)
            {
                if (before is not null) await before();
                var watch = Stopwatch.StartNew();
                await work();
                if (i >= WarmUps)
                {
                    times.Add(watch.Elapsed.TotalMilliseconds);
                    afterRun?.Invoke(times[^1]);
                }
            }
            times.Sort();
            Console.WriteLine($"| {step} | {times[times.Count / 2]:F1} | {times[(int)(times.Count * 0.95)]:F1} |");
        }
    }
}
