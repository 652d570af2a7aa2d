using Google.Protobuf;
using Microsoft.Extensions.Options;
using Npgsql;
using PortfolioTracker.Portfolio.Application.Metrics;
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
/// generated ledger (<see cref="EngineWarmUp"/>), and the answers' mapping and serialisation.
/// </summary>
public sealed class PortfolioWarmUp(
    NpgsqlDataSource dataSource, IConnectionMultiplexer redis, IOptions<WarmUpOptions> options, ILogger<PortfolioWarmUp> logger,
    RlsDatabase database, LedgerCheckpointRepository checkpoints, TimeProvider clock)
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
        var results = EngineWarmUp.Run();
        var summary = results.Summary.ToProto();
        PortfolioSummary.Parser.ParseFrom(summary.ToByteArray());
        Json.Format(summary);
        Json.Format(results.Performance.ToProto(withDailyValues: true));
        Json.Format(results.Risk.ToProto(results.Performance.AsOf, results.Performance.BaseCurrency, "WA"));
    }
}
