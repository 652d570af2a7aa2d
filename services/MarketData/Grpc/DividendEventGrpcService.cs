using System.Globalization;
using Grpc.Core;
using PortfolioTracker.MarketData.Data;
using PortfolioTracker.Protos.MarketData.V1;
using PortfolioTracker.ServiceDefaults.Auth;
using PortfolioTracker.ServiceDefaults.Errors;
using PortfolioTracker.ServiceDefaults.Validation;
using PortfolioTracker.ServiceDefaults.Wire;
using ProtoDividendEvent = PortfolioTracker.Protos.MarketData.V1.DividendEvent;

namespace PortfolioTracker.MarketData.Grpc;

public sealed class DividendEventGrpcService(RlsDatabase database, DividendEventRepository events) : DividendEventService.DividendEventServiceBase
{
    private const int MaxEventsPerImport = 10_000;

    /// <summary>The whole history unless bounded: events are few (four a year for a quarterly payer).</summary>
    private static readonly DateOnly Earliest = new(1900, 1, 1);

    private static readonly DateOnly Latest = new(9999, 12, 31);

    public override async Task<ListDividendEventsResponse> ListDividendEvents(ListDividendEventsRequest request, ServerCallContext context)
    {
        var errors = new List<FieldViolation>();
        var symbol = RequestFields.Symbol(request.Symbol, "symbol", errors);
        var (from, to) = Range(request.From, request.To, errors);
        RpcErrors.ThrowIfAny(errors);

        var rows = await database.RunAsync(ServiceCaller.Any(context),
            session => events.GetAsync(session, [symbol], from, to, context.CancellationToken), context.CancellationToken);
        var response = new ListDividendEventsResponse { Symbol = symbol };
        response.Events.AddRange(rows.Select(ToProto));
        return response;
    }

    public override async Task<GetDividendEventsBatchResponse> GetDividendEventsBatch(GetDividendEventsBatchRequest request, ServerCallContext context)
    {
        var errors = new List<FieldViolation>();
        var symbols = RequestFields.Symbols(request.Symbols, "symbols", errors);
        var (from, to) = Range(request.From, request.To, errors);
        RpcErrors.ThrowIfAny(errors);

        var rows = await database.RunAsync(ServiceCaller.Any(context),
            session => events.GetAsync(session, symbols, from, to, context.CancellationToken), context.CancellationToken);
        var bySymbol = rows.ToLookup(r => r.Dividend.Symbol);
        var response = new GetDividendEventsBatchResponse();
        foreach (var symbol in symbols)
        {
            var series = new DividendEventSeries { Symbol = symbol };
            series.Events.AddRange(bySymbol[symbol].Select(ToProto));
            response.Series.Add(series);
        }
        return response;
    }

    public override async Task<ListChangedDividendSymbolsResponse> ListChangedDividendSymbols(ListChangedDividendSymbolsRequest request, ServerCallContext context)
    {
        DateTime? since = null;
        if (!string.IsNullOrWhiteSpace(request.Since))
        {
            if (!DateTimeOffset.TryParse(request.Since, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
            {
                throw RpcErrors.InvalidArgument("since", "must be an RFC 3339 timestamp such as 2024-01-02T03:04:05Z.");
            }
            since = parsed.UtcDateTime;
        }

        var (symbols, asOf) = await database.RunAsync(ServiceCaller.Any(context),
            session => events.ChangedSinceAsync(session, since, context.CancellationToken), context.CancellationToken);
        var response = new ListChangedDividendSymbolsResponse { AsOf = asOf is { } a ? DateText.Format(a) : "" };
        response.Symbols.AddRange(symbols);
        return response;
    }

    public override async Task<ImportDividendEventsResponse> ImportDividendEvents(ImportDividendEventsRequest request, ServerCallContext context)
    {
        var claims = ServiceCaller.RequireServiceRole(context);
        var errors = new List<FieldViolation>();
        var symbol = RequestFields.Symbol(request.Symbol, "symbol", errors);
        var currency = RequestFields.Currency(request.Currency, "currency", errors);
        if (request.Events.Count is 0 or > MaxEventsPerImport)
        {
            errors.Add(new("events", $"must contain 1-{MaxEventsPerImport} events."));
        }
        var parsed = request.Events.Select((e, i) => Parse(e, symbol, currency, $"events[{i}]", errors)).ToList();
        foreach (var duplicate in parsed.OfType<DeclaredDividend>().GroupBy(d => (d.ExDate, d.DividendType)).Where(g => g.Count() > 1))
        {
            errors.Add(new("events", $"{duplicate.Key.DividendType} dividend with exDate {DateText.Format(duplicate.Key.ExDate)} appears more than once."));
        }
        RpcErrors.ThrowIfAny(errors);

        var upserted = await database.RunAsync(claims,
            session => events.UpsertAsync(session, [.. parsed.OfType<DeclaredDividend>()], context.CancellationToken), context.CancellationToken);
        return new ImportDividendEventsResponse { Upserted = upserted };
    }

    /// <summary>One imported event, or null when a field is bad (each bad field is named).</summary>
    private static DeclaredDividend? Parse(DividendEventInput input, string symbol, string currency, string field, List<FieldViolation> errors)
    {
        var before = errors.Count;
        var exDate = RequestFields.RequiredDate(input.ExDate, $"{field}.exDate", errors);
        var payDate = OptionalDate(input.PayDate, $"{field}.payDate", errors);
        var recordDate = OptionalDate(input.RecordDate, $"{field}.recordDate", errors);
        var declarationDate = OptionalDate(input.DeclarationDate, $"{field}.declarationDate", errors);
        var amount = RequestFields.PositiveDecimal(input.Amount, $"{field}.amount", required: true, errors);
        var type = string.IsNullOrWhiteSpace(input.DividendType) ? DividendTypes.Cash : input.DividendType.Trim().ToLowerInvariant();
        if (errors.Count > before || exDate is null || amount is null)
        {
            return null;
        }
        var dividend = new DeclaredDividend(symbol, exDate.Value, payDate, recordDate, declarationDate, amount.Value, currency, type, DividendSources.Import);
        var problems = DividendEventRules.Problems(dividend).ToList();
        errors.AddRange(problems.Select(p => new FieldViolation($"{field}.{p.Field}", p.Description)));
        return problems.Count == 0 ? dividend : null;
    }

    private static DateOnly? OptionalDate(string? text, string field, List<FieldViolation> errors) =>
        string.IsNullOrWhiteSpace(text) ? null : RequestFields.RequiredDate(text, field, errors);

    private static (DateOnly From, DateOnly To) Range(string? fromText, string? toText, List<FieldViolation> errors)
    {
        var from = RequestFields.Date(fromText, Earliest, "from", errors);
        var to = RequestFields.Date(toText, Latest, "to", errors);
        if (from > to) errors.Add(new("from", "must not be after 'to'."));
        return (from, to);
    }

    private static ProtoDividendEvent ToProto(StoredDividend row) => new()
    {
        Symbol = row.Dividend.Symbol,
        ExDate = DateText.Format(row.Dividend.ExDate),
        PayDate = DateText.Format(row.Dividend.PayDate),
        RecordDate = DateText.Format(row.Dividend.RecordDate),
        DeclarationDate = DateText.Format(row.Dividend.DeclarationDate),
        Amount = DecimalText.Format(row.Dividend.Amount),
        Currency = row.Dividend.Currency,
        DividendType = row.Dividend.DividendType,
        Source = row.Dividend.Source,
        UpdatedAt = DateText.Format(row.UpdatedAt),
    };
}
