using Grpc.Core;
using PortfolioTracker.ServiceDefaults.Validation;
using PortfolioTracker.MarketData.Data;
using PortfolioTracker.Protos.MarketData.V1;
using PortfolioTracker.ServiceDefaults.Auth;
using PortfolioTracker.ServiceDefaults.Errors;
using PortfolioTracker.ServiceDefaults.Wire;

namespace PortfolioTracker.MarketData.Grpc;

public sealed class FxGrpcService(RlsDatabase database, FxRepository rates, TimeProvider clock) : FxService.FxServiceBase
{
    private const int MaxQueriesPerBatch = 5000;

    private DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    public override async Task<FxRate> GetFxRate(GetFxRateRequest request, ServerCallContext context)
    {
        var errors = new List<FieldViolation>();
        var from = RequestFields.Currency(request.From, "from", errors);
        var to = RequestFields.Currency(request.To, "to", errors);
        var date = RequestFields.Date(request.Date, Today, "date", errors);
        RpcErrors.ThrowIfAny(errors);

        var resolved = (await ResolveAsync([new FxPairOnDate(from, to, date)], context))[0];
        if (resolved is null)
        {
            throw RpcErrors.NotFound($"A {from}/{to} rate on or before {date:yyyy-MM-dd}");
        }
        return ToProto(resolved);
    }

    public override async Task<GetFxRatesBatchResponse> GetFxRatesBatch(GetFxRatesBatchRequest request, ServerCallContext context)
    {
        var errors = new List<FieldViolation>();
        if (request.Queries.Count > MaxQueriesPerBatch)
        {
            errors.Add(new("queries", $"must hold at most {MaxQueriesPerBatch} queries."));
        }
        var queries = request.Queries.Select((q, i) => new FxPairOnDate(
            RequestFields.Currency(q.From, $"queries[{i}].from", errors),
            RequestFields.Currency(q.To, $"queries[{i}].to", errors),
            RequestFields.Date(q.Date, Today, $"queries[{i}].date", errors))).ToList();
        RpcErrors.ThrowIfAny(errors);

        var resolved = await ResolveAsync(queries, context);
        var response = new GetFxRatesBatchResponse();
        response.Rates.AddRange(queries.Select((q, i) => resolved[i] is { } rate
            ? ToProto(rate)
            : new FxRate { From = q.From, To = q.To, Date = DateText.Format(q.Date) }));
        return response;
    }

    public override async Task<GetFxSeriesBatchResponse> GetFxSeriesBatch(GetFxSeriesBatchRequest request, ServerCallContext context)
    {
        var errors = new List<FieldViolation>();
        var pairs = request.Pairs.Select((p, i) => (
            From: RequestFields.Currency(p.From, $"pairs[{i}].from", errors),
            To: RequestFields.Currency(p.To, $"pairs[{i}].to", errors))).Distinct().ToList();
        if (pairs.Count is 0 or > 100) errors.Add(new("pairs", "must hold 1-100 currency pairs."));
        var (fromDate, toDate) = RequestFields.DateRange(request.FromDate, request.ToDate, Today, "fromDate", "toDate", errors);
        RpcErrors.ThrowIfAny(errors);

        var needed = pairs.SelectMany(p => FxConversion.Candidates(p.From, p.To)).Where(p => p.From != p.To).Distinct().ToList();
        var stored = await database.RunAsync(ServiceCaller.Any(context),
            session => rates.GetRangeAsync(session, needed, fromDate, toDate, context.CancellationToken), context.CancellationToken);

        var response = new GetFxSeriesBatchResponse();
        foreach (var (from, to) in pairs)
        {
            var series = new FxSeries { From = from, To = to };
            var points = from == to ? [(fromDate, 1m)] : FxSeriesBuilder.Build(from, to, stored);
            foreach (var (date, rate) in points)
            {
                series.Dates.Add(DateText.Format(date));
                series.Rates.Add(DecimalText.Format(rate));
            }
            response.Series.Add(series);
        }
        return response;
    }

    public override async Task<ImportFxRatesResponse> ImportFxRates(ImportFxRatesRequest request, ServerCallContext context)
    {
        var claims = ServiceCaller.RequireServiceRole(context);
        var errors = new List<FieldViolation>();
        var from = RequestFields.Currency(request.FromCurrency, "fromCurrency", errors);
        var to = RequestFields.Currency(request.ToCurrency, "toCurrency", errors);
        if (from == to) errors.Add(new("toCurrency", "must differ from fromCurrency."));
        if (request.Rates.Count == 0) errors.Add(new("rates", "must contain at least one rate."));
        var parsed = request.Rates.Select((r, i) =>
        {
            var date = RequestFields.RequiredDate(r.Date, $"rates[{i}].date", errors) ?? default;
            var rate = RequestFields.PositiveDecimal(r.Rate, $"rates[{i}].rate", required: true, errors, NumericBounds.MaxFxRate) ?? 0m;
            if (rate is > 0 and < NumericBounds.MinFxRate)
            {
                errors.Add(new($"rates[{i}].rate", $"must be at least {DecimalText.Format(NumericBounds.MinFxRate)}."));
            }
            if (date > Today) errors.Add(new($"rates[{i}].date", "must not be in the future."));
            return (date, rate);
        }).ToList();
        foreach (var duplicate in parsed.GroupBy(r => r.date).Where(g => g.Count() > 1))
        {
            errors.Add(new("rates", $"{duplicate.Key:yyyy-MM-dd} appears more than once."));
        }
        RpcErrors.ThrowIfAny(errors);

        var upserted = await database.RunAsync(claims,
            session => rates.UpsertAsync(session, from, to, parsed, context.CancellationToken), context.CancellationToken);
        return new ImportFxRatesResponse { Upserted = upserted };
    }

    /// <summary>Every query resolved from one read of all the stored rows any of them may need.</summary>
    private async Task<IReadOnlyList<ResolvedRate?>> ResolveAsync(IReadOnlyList<FxPairOnDate> queries, ServerCallContext context)
    {
        var needed = queries
            .SelectMany(q => FxConversion.Candidates(q.From, q.To).Select(c => new FxPairOnDate(c.From, c.To, q.Date)))
            .Where(p => p.From != p.To)
            .ToHashSet();
        var stored = await database.RunAsync(ServiceCaller.Any(context),
            session => rates.GetLatestAsync(session, needed, context.CancellationToken), context.CancellationToken);
        return queries
            .Select(q => FxConversion.Resolve(q.From, q.To, q.Date,
                (from, to) => stored.GetValueOrDefault(new FxPairOnDate(from, to, q.Date))))
            .ToList();
    }

    private static FxRate ToProto(ResolvedRate rate) => new()
    {
        From = rate.From,
        To = rate.To,
        Date = DateText.Format(rate.Date),
        Rate = DecimalText.Format(rate.Rate),
        Derivation = rate.Derivation.ToString().ToLowerInvariant(),
    };
}
