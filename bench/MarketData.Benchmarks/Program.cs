using System.Diagnostics;
using System.Globalization;
using Npgsql;
using NpgsqlTypes;
using PortfolioTracker.MarketData.Data;
using PortfolioTracker.MarketData.Domain;
using PortfolioTracker.ServiceDefaults.Data;
using PortfolioTracker.TestSupport;

// Load driver for the MarketData write and read paths, on a fresh local PostgreSQL:
//   1. 1,000,000 bars upserted through the service's path (authenticator → service_role,
//      binary COPY into a staging table, UPDATE of changed bars, INSERT of new ones), against a raw binary COPY of
//      the same rows into the same table as the superuser, side by side, several rounds;
//   2. the batch price lookup the Portfolio service makes: 50 symbols × 2,500 days.
// Usage: dotnet run -c Release --project bench/MarketData.Benchmarks [-- --rounds N]
var rounds = args.Length == 2 && args[0] == "--rounds" ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3;
const int Symbols = 400;
const int Days = 2500;

await using var server = await PostgresServer.StartMigratedAsync(durable: true);
await using var superuser = NpgsqlDataSource.Create(server.SuperuserConnectionString());
// Configured as the services configure theirs (ServiceDefaults: statement preparation).
var authenticatorConnection = new NpgsqlConnectionStringBuilder(server.AuthenticatorConnectionString);
DatabaseExtensions.ApplyStatementPreparation(authenticatorConnection);
authenticatorConnection.Options = MarketDataConnection.StagingOptions;
await using var authenticator = NpgsqlDataSource.Create(authenticatorConnection.ConnectionString);
var database = new RlsDatabase(authenticator);
var prices = new PriceRepository();
var series = Generate(Symbols, Days);
var rows = Symbols * Days;
Console.WriteLine($"PostgreSQL on 127.0.0.1:{server.Port}; {rows:N0} bars ({Symbols} symbols x {Days} days); {rounds} rounds");

var copyTimes = new List<double>();
var upsertTimes = new List<double>();
for (var round = 1; round <= rounds; round++)
{
    await TruncateAsync(superuser);
    copyTimes.Add(await TimeAsync(() => RawCopyAsync(superuser, series)));
    await TruncateAsync(superuser);
    upsertTimes.Add(await TimeAsync(() => UpsertAllAsync(database, prices, series)));
    Console.WriteLine($"round {round}: raw COPY {rows / copyTimes[^1]:N0} rows/s, upsert {rows / upsertTimes[^1]:N0} rows/s");
}

// Re-importing unchanged bars: the upsert's "is distinct from" guard leaves every row alone.
var reimport = await TimeAsync(() => UpsertAllAsync(database, prices, series));
var changedSeries = series.ToDictionary(s => s.Key, s => s.Value.Select(b => b with { Close = b.Close + 0.01m, AdjustedClose = b.AdjustedClose + 0.01m }).ToList());
var reimportChanged = await TimeAsync(() => UpsertAllAsync(database, prices, changedSeries));

var copyRate = rows / Median(copyTimes);
var upsertRate = rows / Median(upsertTimes);
Console.WriteLine();
Console.WriteLine($"| path | median rows/s |");
Console.WriteLine($"|---|---|");
Console.WriteLine($"| raw binary COPY (superuser, no RLS, no conflict handling) | {copyRate:N0} |");
Console.WriteLine($"| service upsert (service_role, COPY to staging, UPDATE changed, INSERT new) | {upsertRate:N0} |");
Console.WriteLine($"| re-import of the same 1,000,000 unchanged bars | {rows / reimport:N0} |");
Console.WriteLine($"| re-import of 1,000,000 bars, every close changed | {rows / reimportChanged:N0} |");
Console.WriteLine($"upsert / raw COPY = {upsertRate / copyRate:P1} (target >= 70%)");

// Batch lookup: 50 symbols x 2,500 days as the Portfolio service asks for them.
await superuser.CreateCommand("analyze historical_prices").ExecuteNonQueryAsync();
var symbols = series.Keys.Take(50).ToList();
var from = new DateOnly(2015, 1, 1);
var to = from.AddDays(Days * 2);
var lookups = new List<double>();
for (var i = 0; i < 25; i++)
{
    lookups.Add(await TimeAsync(() => database.RunAsync(DbClaims.ServiceRole,
        session => prices.GetRangesAsync(session, symbols, from, to, default), default)));
}
lookups.Sort();
var warm = lookups.Skip(5).ToList();
Console.WriteLine();
Console.WriteLine($"batch lookup 50 symbols x {Days} days ({50 * Days:N0} bars): p50 {Median(warm) * 1000:N1} ms, max {warm.Max() * 1000:N1} ms (20 warm runs)");
await using (var explain = superuser.CreateCommand(
    "explain (analyze, buffers, costs off) select symbol, date, close from historical_prices where symbol = any($1) and date between $2 and $3 order by symbol, date"))
{
    explain.Parameters.Add(new NpgsqlParameter { Value = symbols.ToArray() });
    explain.Parameters.Add(new NpgsqlParameter { Value = from });
    explain.Parameters.Add(new NpgsqlParameter { Value = to });
    await using var reader = await explain.ExecuteReaderAsync();
    while (await reader.ReadAsync())
    {
        Console.WriteLine("    " + reader.GetString(0));
    }
}

static Dictionary<string, List<DailyBar>> Generate(int symbols, int days)
{
    var random = new Random(42);
    var series = new Dictionary<string, List<DailyBar>>();
    for (var s = 0; s < symbols; s++)
    {
        var bars = new List<DailyBar>(days);
        var price = 50m + s;
        var date = new DateOnly(2015, 1, 1);
        for (var d = 0; d < days; d++)
        {
            while (date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday) date = date.AddDays(1);
            price = Math.Max(1m, Math.Round(price * (1m + (decimal)(random.NextDouble() - 0.5) / 50m), 2));
            bars.Add(new DailyBar(date, price, price + 1m, price - 0.5m, price, price, 1_000_000 + d, 0m, 1m));
            date = date.AddDays(1);
        }
        series[$"SYM{s:D4}"] = bars;
    }
    return series;
}

// One import call, one transaction, as POST /v1/admin/prices:import or the offline loader makes it.
static Task UpsertAllAsync(RlsDatabase database, PriceRepository prices, Dictionary<string, List<DailyBar>> series) =>
    database.RunAsync(DbClaims.ServiceRole,
        session => prices.UpsertAsync(session, series.Select(s => (s.Key, (IReadOnlyList<DailyBar>)s.Value)).ToList(), default),
        default);

static async Task RawCopyAsync(NpgsqlDataSource superuser, Dictionary<string, List<DailyBar>> series)
{
    await using var connection = await superuser.OpenConnectionAsync();
    await using var importer = await connection.BeginBinaryImportAsync(
        "copy historical_prices (symbol, date, open, high, low, close, adjusted_close, volume, dividend_amount, split_coefficient) from stdin (format binary)");
    foreach (var (symbol, bars) in series)
    {
        foreach (var bar in bars)
        {
            await importer.StartRowAsync();
            await importer.WriteAsync(symbol, NpgsqlDbType.Varchar);
            await importer.WriteAsync(bar.Date, NpgsqlDbType.Date);
            await importer.WriteAsync(bar.Open, NpgsqlDbType.Numeric);
            await importer.WriteAsync(bar.High, NpgsqlDbType.Numeric);
            await importer.WriteAsync(bar.Low, NpgsqlDbType.Numeric);
            await importer.WriteAsync(bar.Close, NpgsqlDbType.Numeric);
            await importer.WriteAsync(bar.AdjustedClose, NpgsqlDbType.Numeric);
            await importer.WriteAsync(bar.Volume, NpgsqlDbType.Bigint);
            await importer.WriteAsync(bar.DividendAmount, NpgsqlDbType.Numeric);
            await importer.WriteAsync(bar.SplitCoefficient, NpgsqlDbType.Numeric);
        }
    }
    await importer.CompleteAsync();
}

static async Task TruncateAsync(NpgsqlDataSource superuser)
{
    await using (var truncate = superuser.CreateCommand("truncate historical_prices"))
    {
        await truncate.ExecuteNonQueryAsync();
    }
    await using var vacuum = superuser.CreateCommand("vacuum analyze historical_prices");
    await vacuum.ExecuteNonQueryAsync();
}

static async Task<double> TimeAsync(Func<Task> work)
{
    var stopwatch = Stopwatch.StartNew();
    await work();
    return stopwatch.Elapsed.TotalSeconds;
}

static double Median(List<double> values)
{
    var sorted = values.Order().ToList();
    return sorted[sorted.Count / 2];
}
