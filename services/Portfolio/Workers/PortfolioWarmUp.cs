using System.Globalization;
using Google.Protobuf;
using Microsoft.Extensions.Options;
using Npgsql;
using PortfolioTracker.Portfolio.Application.Metrics;
using PortfolioTracker.Portfolio.Application.Transactions;
using PortfolioTracker.Portfolio.Data;
using PortfolioTracker.Portfolio.Domain;
using PortfolioTracker.Portfolio.Domain.Holdings;
using PortfolioTracker.Portfolio.Domain.Import;
using PortfolioTracker.Portfolio.Grpc;
using PortfolioTracker.Protos.MarketData.V1;
using PortfolioTracker.Protos.Portfolio.V1;
using PortfolioTracker.ServiceDefaults.Data;
using PortfolioTracker.ServiceDefaults.Startup;
using StackExchange.Redis;

namespace PortfolioTracker.Portfolio.Workers;

/// <summary>
/// Portfolio warm before it listens (<see cref="StartupWarmUp"/>): the cold summary's database
/// round trip planned on the pooled connections, ledger rows read as that round trip reads them,
/// a MarketData answer parsed as the valuation receives it, the metrics engine and the checkpoint
/// codec on a generated ledger (<see cref="EngineWarmUp"/>), the answers' mapping and
/// serialisation, and an import's steps on a generated file without writing it.
/// </summary>
public sealed class PortfolioWarmUp(
    NpgsqlDataSource dataSource, IConnectionMultiplexer redis, IOptions<WarmUpOptions> options, ILogger<PortfolioWarmUp> logger,
    RlsDatabase database, LedgerCheckpointRepository checkpoints, TransactionRepository transactions, TimeProvider clock)
    : StartupWarmUp(dataSource, redis, options, logger)
{
    private static readonly JsonFormatter Json = new(JsonFormatter.Settings.Default.WithFormatDefaultValues(true));

    // Rows of a ledger read's shape (LedgerRows.Columns after the counter), made up by the database.
    private const string GeneratedLedgerSql =
        """
        select 0::bigint, gen_random_uuid(), gen_random_uuid(), (array['BUY', 'SELL', 'DIVIDEND'])[1 + g % 3], 'W' || g % 4,
               current_date - g, (g + 0.5)::numeric, (100 + g % 7)::numeric, 0.5::numeric, 'USD', now()
        from generate_series(1, 256) as g
        """;

    protected override async Task WarmAsync(CancellationToken ct)
    {
        // A user id that exists nowhere: RLS and the id itself keep every user's rows out. Twice, so
        // the connection prepares the statements as it does for statements a service repeats.
        var nobody = Guid.NewGuid();
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        for (var i = 0; i < 2; i++)
        {
            await database.RunAsync(DbClaims.ForUser(nobody), session => checkpoints.ReadColdAsync(session, nobody, null, today, ct), ct);
        }
        // The cold summary reads thousands of rows after its checkpoint; the read above returned none,
        // so the column readers and the row mapping would otherwise be compiled inside that request.
        await database.RunAsync(DbClaims.ForUser(nobody), session => ReadGeneratedLedgerAsync(session, ct), ct);
        ParseValuationAnswer(today);
        var results = EngineWarmUp.Run();
        var summary = results.Summary.ToProto();
        PortfolioSummary.Parser.ParseFrom(summary.ToByteArray());
        Json.Format(summary);
        Json.Format(results.Performance.ToProto(withDailyValues: true));
        Json.Format(results.Risk.ToProto(results.Performance.AsOf, results.Performance.BaseCurrency, "WA"));
        await WarmImportAsync(nobody, today, ct);
    }

    /// <summary>
    /// An import's steps on a generated file, none of them writing: the file parsed and validated, its
    /// rows sent as the insert sends them and read back as it returns them, the positions replayed and
    /// the answer mapped and serialised. The first import of a fresh process compiled all of this
    /// inside the request (a 10,000-row import took about 0.5 s longer than the next).
    /// </summary>
    private async Task WarmImportAsync(Guid nobody, DateOnly today, CancellationToken ct)
    {
        var portfolio = Guid.NewGuid();
        var file = TransactionFileParser.Parse(GeneratedImportFile(today));
        var errors = file.Errors.ToList();
        List<(Guid PortfolioId, NewTransaction Transaction)> rows = [.. file.Validate(portfolio, today, errors).Select(t => (portfolio, t))];
        if (errors.Count > 0)
        {
            throw new InvalidOperationException("The warm-up's generated import file did not validate.");
        }
        var echoed = await database.RunAsync(DbClaims.ForUser(nobody), session => transactions.EchoManyAsync(session, nobody, rows, ct), ct);
        var before = new HoldingsWriter.StoredLedgers(
            rows.Select(r => (r.PortfolioId, r.Transaction.Symbol)).Distinct().ToDictionary(p => p, _ => new List<(LedgerLine, DateTime)>()));
        var ledgers = HoldingsWriter.WithInserted(before, echoed);
        HoldingsWriter.Replay([.. ledgers.Keys], ledgers);
        var answer = echoed.ToImportResponse();
        ImportTransactionsResponse.Parser.ParseFrom(answer.ToByteArray());
        Json.Format(answer);
    }

    /// <summary>A generic CSV of buys and some sells of two made-up symbols over the last 256 days.</summary>
    private static string GeneratedImportFile(DateOnly today) =>
        string.Join('\n', Enumerable.Range(0, 256)
            .Select(i => string.Create(CultureInfo.InvariantCulture,
                $"{(i % 4 == 3 ? "SELL" : "BUY")},W{(char)('A' + i % 2)},{(i % 4 == 3 ? 1 : 2)},{100 + i % 7}.25,{today.AddDays(i - 256):yyyy-MM-dd},USD,0.5,warm-up {i}"))
            .Prepend("type,symbol,quantity,price,date,currency,commission,notes"));

    private static async Task ReadGeneratedLedgerAsync(RlsSession session, CancellationToken ct)
    {
        await using var reader = await session.ExecuteReaderAsync(GeneratedLedgerSql, ct);
        var strings = new Dictionary<string, string>(StringComparer.Ordinal);
        while (await reader.ReadAsync(ct))
        {
            reader.GetInt64(0);
            LedgerRows.Read(reader, 1, strings);
        }
    }

    /// <summary>A valuation answer with closes and rates, parsed and turned into points as the loader does.</summary>
    private static void ParseValuationAnswer(DateOnly today)
    {
        var dates = Enumerable.Range(0, 64).Select(day => today.AddDays(day - 64).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).ToList();
        var values = Enumerable.Range(0, 64).Select(day => (100 + day * 0.25m).ToString(CultureInfo.InvariantCulture)).ToList();
        var answer = new GetValuationSeriesResponse
        {
            Stocks = { new SymbolFacts { Symbol = "WA", Currency = "USD", Sector = "Technology" } },
            Closes = { new CloseSeries { Symbol = "WA", Dates = { dates }, Closes = { values } } },
            Rates = { new FxSeries { From = "EUR", To = "USD", Dates = { dates }, Rates = { values } } },
        };
        var parsed = GetValuationSeriesResponse.Parser.ParseFrom(answer.ToByteArray());
        foreach (var closes in parsed.Closes)
        {
            MarketSnapshotLoader.Points(closes.Dates, closes.Closes);
        }
        foreach (var rates in parsed.Rates)
        {
            MarketSnapshotLoader.Points(rates.Dates, rates.Rates);
        }
    }
}
