using Google.Protobuf;
using Microsoft.Extensions.Options;
using Npgsql;
using PortfolioTracker.MarketData.Application;
using PortfolioTracker.MarketData.Data;
using PortfolioTracker.MarketData.Grpc;
using PortfolioTracker.Protos.MarketData.V1;
using PortfolioTracker.ServiceDefaults.Startup;
using PortfolioTracker.ServiceDefaults.Validation;
using StackExchange.Redis;

namespace PortfolioTracker.MarketData.Workers;

/// <summary>
/// MarketData warm before it listens (<see cref="StartupWarmUp"/>): the offline dataset's load
/// settled (it re-checks every file at each start, which would otherwise run beside the first
/// requests), then one valuation read of every stored symbol's closes and its currency's rates into
/// USD over ten years, as Portfolio's <c>GetValuationSeries</c> asks for them, mapped and serialised
/// as that answer is. Nothing is kept: what it warms is the code path, the pooled connections'
/// statements and PostgreSQL's cache of those rows, which every cold Portfolio's first valuation
/// reads.
/// </summary>
public sealed partial class MarketDataWarmUp(
    NpgsqlDataSource dataSource, IConnectionMultiplexer redis, IOptions<WarmUpOptions> options, ILogger<MarketDataWarmUp> logger,
    OfflineImportWorker offline, RlsDatabase database, StockRepository stocks, ValuationSeriesReader valuations, TimeProvider clock)
    : StartupWarmUp(dataSource, redis, options, logger)
{
    // One GetValuationSeries call's bounds.
    private const int MaxSymbols = RequestFields.MaxSymbolsPerBatch;
    private const int MaxPairs = PriceGrpcService.MaxPairsPerBatch;

    protected override async Task WarmAsync(CancellationToken ct)
    {
        await offline.Settled.WaitAsync(ct);
        var stored = await database.RunAsync(DbClaims.ServiceRole, session => stocks.ListAsync(session, MaxSymbols, ct), ct);
        if (stored.Count == 0)
        {
            return;
        }
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var from = today.AddYears(-10);
        var symbols = stored.Select(s => new ValuationSeriesReader.SymbolWindow(s.Symbol, from, today)).ToList();
        var pairs = stored.Select(s => s.Currency).Where(c => c != "USD").Distinct().Take(MaxPairs)
            .Select(c => new ValuationSeriesReader.PairWindow(c, "USD", from, today)).ToList();
        var read = await valuations.ReadAsync(DbClaims.ServiceRole, symbols, pairs, stockFx: null, ct);
        var bytes = read.ToProto().ToByteArray();
        LogRead(logger, read.Closes.Sum(c => c.Closes.Count), read.Closes.Count, read.Rates.Sum(r => r.Rates.Count), bytes.Length);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Warm-up read {Closes} closes of {Symbols} symbols and {Rates} FX rates ({Bytes} bytes as an answer)")]
    private static partial void LogRead(ILogger logger, int closes, int symbols, int rates, int bytes);
}
