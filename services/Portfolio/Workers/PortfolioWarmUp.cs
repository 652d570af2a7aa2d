using Google.Protobuf;
using Microsoft.Extensions.Options;
using Npgsql;
using PortfolioTracker.Portfolio.Application.Metrics;
using PortfolioTracker.Portfolio.Application.Transactions;
using PortfolioTracker.Portfolio.Data;
using PortfolioTracker.Portfolio.Grpc;
using PortfolioTracker.Protos.Portfolio.V1;
using PortfolioTracker.ServiceDefaults.Data;
using PortfolioTracker.ServiceDefaults.Startup;
using StackExchange.Redis;

namespace PortfolioTracker.Portfolio.Workers;

/// <summary>
/// Portfolio warm before it listens (<see cref="StartupWarmUp"/>): the cold summary's database
/// round trip planned on the pooled connections, the metrics engine and the checkpoint codec on a
/// generated ledger (<see cref="EngineWarmUp"/>), an import's write unit with no rows and its
/// in-process path on a generated file (<see cref="ImportWarmUp"/>), and the answers' mapping and
/// serialisation.
/// </summary>
public sealed class PortfolioWarmUp(
    NpgsqlDataSource dataSource, IConnectionMultiplexer redis, IOptions<WarmUpOptions> options, ILogger<PortfolioWarmUp> logger,
    RlsDatabase database, LedgerCheckpointRepository checkpoints, TransactionRepository transactions, HoldingsWriter holdings,
    TimeProvider clock)
    : StartupWarmUp(dataSource, redis, options, logger)
{
    private static readonly JsonFormatter Json = new(JsonFormatter.Settings.Default.WithFormatDefaultValues(true));

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
        // The import's write unit with no rows: it writes nothing (its statement triggers see empty
        // transition tables) but prepares its statements, the array parameters' types and the
        // triggers' functions, which the first import otherwise compiles inside its request.
        for (var i = 0; i < 2; i++)
        {
            await database.RunAsync(DbClaims.ForUser(nobody), async session =>
            {
                await holdings.LockAsync(session, [], ct);
                await holdings.ReadBeforeInsertAsync(session, nobody, [], ct);
                return await transactions.InsertManyAsync(session, nobody, [], ct);
            }, ct);
        }
        var imported = new ImportTransactionsResponse();
        imported.Transactions.AddRange(ImportWarmUp.Run(today).Select(r => r.ToProto()));
        ImportTransactionsResponse.Parser.ParseFrom(imported.ToByteArray());

        var results = EngineWarmUp.Run();
        var summary = results.Summary.ToProto();
        PortfolioSummary.Parser.ParseFrom(summary.ToByteArray());
        Json.Format(summary);
        Json.Format(results.Performance.ToProto(withDailyValues: true));
        Json.Format(results.Risk.ToProto(results.Performance.AsOf, results.Performance.BaseCurrency, "WA"));
    }
}
