using System.Globalization;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.Extensions.Options;
using PortfolioTracker.Portfolio.Application.Metrics;
using PortfolioTracker.Portfolio.Caching;
using PortfolioTracker.Portfolio.Domain.Metrics;
using PortfolioTracker.Protos.Portfolio.V1;
using PortfolioTracker.ServiceDefaults.Auth;
using PortfolioTracker.ServiceDefaults.Errors;
using PortfolioTracker.ServiceDefaults.Timing;

namespace PortfolioTracker.Portfolio.Grpc;

public sealed class MetricsGrpcService(
    MetricsInputLoader inputs,
    LedgerStates states,
    CheckpointSummary checkpoints,
    MetricsCache cache,
    IOptions<MetricsOptions> options,
    TimeProvider clock) : MetricsService.MetricsServiceBase
{
    private static readonly JsonFormatter Json = new(JsonFormatter.Settings.Default.WithFormatDefaultValues(true));

    private sealed record Query(Caller Caller, Guid? PortfolioId, DateOnly AsOf, string? BaseCurrency);

    public override Task<PortfolioSummary> GetSummary(GetSummaryRequest request, ServerCallContext context)
    {
        var errors = new List<FieldViolation>();
        var query = Parse(context, request.PortfolioId, request.AsOf, request.BaseCurrency, errors);
        RpcErrors.ThrowIfAny(errors);
        return cache.GetOrComputeAsync(query.Caller.Claims, query.Caller.UserId, Key("summary", query),
            PortfolioSummary.Parser, async () =>
            {
                // A cold start answers from the persisted checkpoints, without reading the whole ledger.
                if (await ComputeAsync(() => checkpoints.TryAsync(query.Caller.Claims, query.Caller.UserId, query.PortfolioId, query.AsOf,
                        query.BaseCurrency, context.CancellationToken)) is { } cold)
                {
                    checkpoints.RefreshWhenSent(context.GetHttpContext().Response, query.Caller.Claims, query.Caller.UserId);
                    var coldSummary = cold.Summary.ToProto();
                    return new MetricsCache.Computed<PortfolioSummary>(coldSummary, cold.Symbols, () => Json.Format(coldSummary));
                }
                var loaded = await LoadAsync(query, closesFrom: query.AsOf, benchmark: null, context.CancellationToken);
                var summary = Compute(() => State(query, loaded).Summarize(loaded.Market.Market, query.AsOf).ToProto());
                return new MetricsCache.Computed<PortfolioSummary>(summary, loaded.Symbols, () => Json.Format(summary));
            }, context.CancellationToken);
    }

    public override Task<PortfolioPerformance> GetPerformance(GetPerformanceRequest request, ServerCallContext context)
    {
        var errors = new List<FieldViolation>();
        var query = Parse(context, request.PortfolioId, request.AsOf, request.BaseCurrency, errors);
        var ranges = ParseRanges(request.Range, errors);
        RpcErrors.ThrowIfAny(errors);
        var key = Key("performance", query) + $":{string.Join(',', ranges.Select(r => r.ToWire()))}:{request.OmitDailyValues}";
        return cache.GetOrComputeAsync(query.Caller.Claims, query.Caller.UserId, key, PortfolioPerformance.Parser, async () =>
        {
            var loaded = await LoadAsync(query, closesFrom: null, benchmark: null, context.CancellationToken);
            var report = Compute(() =>
            {
                var (state, series) = Series(query, loaded);
                return PerformanceCalculator.Compute(series, loaded.BaseCurrency, state.TracksCash(query.AsOf), query.AsOf, ranges);
            });
            var proto = Map(() => report.ToProto(withDailyValues: !request.OmitDailyValues));
            return new MetricsCache.Computed<PortfolioPerformance>(proto, loaded.Symbols, () => Json.Format(report.ToProto(withDailyValues: false)));
        }, context.CancellationToken);
    }

    public override Task<PortfolioRisk> GetRisk(GetRiskRequest request, ServerCallContext context)
    {
        var errors = new List<FieldViolation>();
        var query = Parse(context, request.PortfolioId, request.AsOf, request.BaseCurrency, errors);
        var benchmark = string.IsNullOrWhiteSpace(request.Benchmark) ? options.Value.DefaultBenchmark : request.Benchmark.Trim().ToUpperInvariant();
        if (benchmark.Length > 20) errors.Add(new("benchmark", "must be a symbol of at most 20 characters."));
        var riskFree = options.Value.RiskFreeRate;
        if (!string.IsNullOrWhiteSpace(request.RiskFreeRate) && (!DecimalText.TryParse(request.RiskFreeRate, out riskFree) || riskFree is < -1 or > 1))
        {
            errors.Add(new("riskFreeRate", "must be an annual rate written as a decimal string between -1 and 1, such as \"0.02\"."));
        }
        RpcErrors.ThrowIfAny(errors);
        var key = Key("risk", query) + $":{benchmark}:{riskFree.ToString(CultureInfo.InvariantCulture)}";
        return cache.GetOrComputeAsync(query.Caller.Claims, query.Caller.UserId, key, PortfolioRisk.Parser, async () =>
        {
            var loaded = await LoadAsync(query, closesFrom: null, benchmark, context.CancellationToken);
            var risk = Compute(() =>
            {
                var (_, series) = Series(query, loaded);
                return RiskCalculator.Compute(series, loaded.Market.Benchmark, riskFree).ToProto(query.AsOf, loaded.BaseCurrency, benchmark);
            });
            return new MetricsCache.Computed<PortfolioRisk>(risk, [.. loaded.Symbols, benchmark], () => Json.Format(risk));
        }, context.CancellationToken);
    }

    private async Task<MetricsInputLoader.Inputs> LoadAsync(Query query, DateOnly? closesFrom, string? benchmark, CancellationToken ct) =>
        await inputs.LoadAsync(query.Caller.Claims, query.Caller.UserId, query.PortfolioId, query.AsOf, query.BaseCurrency, closesFrom, benchmark, ct)
        // Another user's portfolio is as unknown as one that never existed.
        ?? throw RpcErrors.NotFound("Portfolio " + query.PortfolioId);

    /// <summary>The caller's incremental state, current for this request's ledger and market.</summary>
    private LedgerState State(Query query, MetricsInputLoader.Inputs loaded) =>
        states.Current(query.Caller.Claims, query.Caller.UserId, query.PortfolioId, loaded, query.AsOf);

    /// <inheritdoc cref="Compute{T}(Func{T})"/>
    private static async Task<T> ComputeAsync<T>(Func<Task<T>> calculation)
    {
        try
        {
            return await calculation();
        }
        catch (Exception exception) when (exception is MetricsException or OverflowException)
        {
            return Compute<T>(() => throw exception);
        }
    }

    /// <summary>The caller's daily series through asOf, valued with this request's market (or the same one valued for the request before).</summary>
    private (LedgerState State, IReadOnlyList<DailyValue> Series) Series(Query query, MetricsInputLoader.Inputs loaded) =>
        states.DailySeries(query.Caller.Claims, query.Caller.UserId, query.PortfolioId, loaded, query.AsOf);

    /// <summary>A ledger the engine cannot value is the caller's data problem, not a server fault.</summary>
    private static T Compute<T>(Func<T> calculation)
    {
        using var timed = RequestTimer.Measure("compute");
        try
        {
            return calculation();
        }
        catch (OversoldPositionException exception)
        {
            throw RpcErrors.FailedPrecondition(exception.Message);
        }
        catch (MissingFxRateException exception)
        {
            throw RpcErrors.FailedPrecondition(exception.Message + " Import the rate (POST /v1/admin/fx:import) or choose another base currency.");
        }
        catch (MetricsException exception)
        {
            throw RpcErrors.FailedPrecondition(exception.Message);
        }
        catch (OverflowException)
        {
            // Sums and products beyond decimal's range (about 7.9e28): stored data, not a fault.
            throw RpcErrors.FailedPrecondition(
                "A figure of this portfolio is too large to compute; check the quantities, prices and FX rates it holds.");
        }
    }

    /// <summary>The answer's message from a computed report (timed apart from the computation).</summary>
    private static T Map<T>(Func<T> mapping)
    {
        using var timed = RequestTimer.Measure("map");
        return mapping();
    }

    private Query Parse(ServerCallContext context, string portfolioId, string asOf, string baseCurrency, List<FieldViolation> errors)
    {
        var caller = Caller.User(context);
        var portfolio = RequestFields.OptionalUuid(portfolioId, "portfolioId", errors);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var date = RequestFields.Date(asOf, today, "asOf", errors);
        if (date > today)
        {
            errors.Add(new("asOf", "must not be in the future."));
        }
        // Blank: the profile's base currency.
        var currency = string.IsNullOrWhiteSpace(baseCurrency) ? null : RequestFields.Currency(baseCurrency, "baseCurrency", errors);
        return new Query(caller, portfolio, date, currency);
    }

    private static IReadOnlyList<PerformanceRange> ParseRanges(string text, List<FieldViolation> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return PerformanceRanges.All;
        }
        var ranges = new List<PerformanceRange>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (PerformanceRanges.TryParse(part, out var range)) ranges.Add(range);
            else errors.Add(new("range", $"'{part}' is not one of 1d, 1w, 1m, ytd, 1y, max."));
        }
        return ranges.Distinct().ToList();
    }

    private static string Key(string kind, Query query) =>
        $"{kind}:{query.PortfolioId?.ToString() ?? "all"}:{query.AsOf:yyyy-MM-dd}:{query.BaseCurrency ?? "profile"}";
}
