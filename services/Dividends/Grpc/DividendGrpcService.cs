using PortfolioTracker.Dividends.Application;
using PortfolioTracker.Dividends.Data;
using PortfolioTracker.Dividends.Domain;
using PortfolioTracker.Dividends.Messaging;
using PortfolioTracker.Protos.Dividends.V1;
using PortfolioTracker.ServiceDefaults.Messaging;

namespace PortfolioTracker.Dividends.Grpc;

/// <summary>The proto's <c>DividendService</c>: the caller's dividends, read and decided under their RLS.</summary>
public sealed class DividendGrpcService(
    RlsDatabase database, DividendRepository dividends, DividendDecisions decisions, DividendSync sync, IncomeQuery income,
    UpcomingQuery upcoming, PendingDividendHub hub, StreamGate streamGate) : DividendService.DividendServiceBase
{
    public const int MaxUpcomingMonths = 36;

    public override async Task<ListDividendsResponse> ListDividends(ListDividendsRequest request, ServerCallContext context)
    {
        var caller = Caller.User(context);
        var errors = new List<FieldViolation>();
        var statuses = DividendStatus.ParseList(request.Status, "status", errors);
        var year = RequestFields.OptionalYear(request.Year, "year", errors);
        var symbol = string.IsNullOrWhiteSpace(request.Symbol) ? null : RequestFields.Symbol(request.Symbol, "symbol", errors);
        RpcErrors.ThrowIfAny(errors);

        var rows = await database.RunAsync(caller.Claims,
            session => dividends.ListAsync(session, caller.UserId, statuses, year, symbol, context.CancellationToken),
            context.CancellationToken);

        var response = new ListDividendsResponse();
        response.Dividends.AddRange(rows.Select(DividendMapping.ToProto));
        return response;
    }

    public override async Task<Dividend> GetDividend(GetDividendRequest request, ServerCallContext context)
    {
        var caller = Caller.User(context);
        var id = RequestIds.Parse(request.Id);
        var row = await database.RunAsync(caller.Claims, s => dividends.GetAsync(s, caller.UserId, id, context.CancellationToken), context.CancellationToken);
        return row is null ? throw RpcErrors.NotFound("Dividend " + id) : DividendMapping.ToProto(row);
    }

    public override async Task<Dividend> AddDividend(AddDividendRequest request, ServerCallContext context)
    {
        var caller = Caller.User(context);
        var errors = new List<FieldViolation>();
        var symbol = RequestFields.Symbol(request.Symbol, "symbol", errors);
        var exDate = RequestFields.RequiredDate(request.ExDate, "exDate", errors);
        var payDate = request.HasPayDate && request.PayDate.Trim().Length > 0 ? RequestFields.RequiredDate(request.PayDate, "payDate", errors) : null;
        var amount = RequestFields.PositiveDecimal(request.Amount, "amount", required: true, errors);
        var currency = DividendRules.KnownCurrency(request.Currency, "currency", errors);
        var shares = RequestFields.PositiveDecimal(request.SharesHeldAtExDate, "sharesHeldAtExDate", required: true, errors, NumericBounds.MaxQuantity);
        var total = request.HasTotalAmount ? RequestFields.PositiveDecimal(request.TotalAmount, "totalAmount", required: true, errors, NumericBounds.MaxAmount) : null;
        var tax = DividendRules.NonNegative(request.HasTaxWithheld ? request.TaxWithheld : null, "taxWithheld", errors);
        var notes = request.HasNotes ? RequestFields.OptionalText(request.Notes, "notes", DividendRules.MaxNotesLength, errors, multiline: true) : null;
        var portfolioId = request.HasPortfolioId ? RequestFields.OptionalUuid(request.PortfolioId, "portfolioId", errors) : null;
        RpcErrors.ThrowIfAny(errors);

        var values = new Domain.DividendValues(portfolioId, symbol, exDate!.Value, payDate, null, null, amount!.Value, currency, shares!.Value,
            total ?? amount.Value * shares.Value, tax!.Value, notes, "cash");
        return DividendMapping.ToProto(await decisions.AddAsync(caller, values, context.CancellationToken));
    }

    public override async Task<Dividend> ConfirmDividend(DividendDecisionRequest request, ServerCallContext context) =>
        DividendMapping.ToProto(await decisions.ConfirmAsync(Caller.User(context), RequestIds.Parse(request.Id), context.CancellationToken));

    public override async Task<Dividend> RejectDividend(DividendDecisionRequest request, ServerCallContext context) =>
        DividendMapping.ToProto(await decisions.RejectAsync(Caller.User(context), RequestIds.Parse(request.Id), context.CancellationToken));

    public override async Task<DeleteDividendResponse> DeleteDividend(DividendDecisionRequest request, ServerCallContext context)
    {
        await decisions.DeleteAsync(Caller.User(context), RequestIds.Parse(request.Id), context.CancellationToken);
        return new DeleteDividendResponse();
    }

    public override async Task<Dividend> UpdateDividend(UpdateDividendRequest request, ServerCallContext context)
    {
        var caller = Caller.User(context);
        var id = RequestIds.Parse(request.Id);
        var input = new Domain.DividendInput(
            Amount: request.HasAmount ? request.Amount : null,
            Shares: request.HasSharesHeldAtExDate ? request.SharesHeldAtExDate : null,
            TotalAmount: request.HasTotalAmount ? request.TotalAmount : null,
            TaxWithheld: request.HasTaxWithheld ? request.TaxWithheld : null,
            ExDate: request.HasExDate ? request.ExDate : null,
            PayDate: request.HasPayDate ? request.PayDate : null,
            Notes: request.HasNotes ? request.Notes : null,
            Currency: request.HasCurrency ? request.Currency : null);
        return DividendMapping.ToProto(await decisions.EditAsync(caller, id, input, context.CancellationToken));
    }

    public override async Task<SyncDividendsResponse> SyncDividends(SyncDividendsRequest request, ServerCallContext context)
    {
        var outcome = await sync.RunAsync(Caller.User(context), context.CancellationToken);
        return new SyncDividendsResponse { Created = outcome.Created, Updated = outcome.Updated, Removed = outcome.Removed, Unchanged = outcome.Unchanged };
    }

    public override async Task<IncomeReport> GetIncome(GetIncomeRequest request, ServerCallContext context)
    {
        var caller = Caller.User(context);
        var errors = new List<FieldViolation>();
        var year = RequestFields.OptionalYear(request.Year, "year", errors);
        var baseCurrency = string.IsNullOrWhiteSpace(request.BaseCurrency) ? null : DividendRules.KnownCurrency(request.BaseCurrency, "baseCurrency", errors);
        var groupBy = request.GroupBy.Trim().ToLowerInvariant();
        if (groupBy is not ("" or "year" or "month" or "symbol" or "currency"))
        {
            errors.Add(new("groupBy", "must be one of year, month, symbol, currency."));
        }
        RpcErrors.ThrowIfAny(errors);

        var (currency, summary) = await income.RunAsync(caller, year, baseCurrency, context.CancellationToken);
        var report = new IncomeReport
        {
            BaseCurrency = currency,
            Gross = DividendMapping.Money(summary.Total.Gross),
            Tax = DividendMapping.Money(summary.Total.Tax),
            Net = DividendMapping.Money(summary.Total.Net),
            TrailingTwelveMonths = DividendMapping.Money(summary.TrailingTwelveMonths),
        };
        if (groupBy is "" or "year") report.ByYear.AddRange(summary.ByYear.Select(p => DividendMapping.ToProto(p.Period, p.Figures)));
        if (groupBy is "" or "month") report.ByMonth.AddRange(summary.ByMonth.Select(p => DividendMapping.ToProto(p.Period, p.Figures)));
        if (groupBy is "" or "symbol") report.BySymbol.AddRange(summary.BySymbol.Select(DividendMapping.ToProto));
        if (groupBy is "" or "currency") report.ByCurrency.AddRange(summary.ByCurrency.Select(DividendMapping.ToProto));
        return report;
    }

    public override async Task<UpcomingReport> GetUpcoming(GetUpcomingRequest request, ServerCallContext context)
    {
        var caller = Caller.User(context);
        var errors = new List<FieldViolation>();
        if (request.Months is < 0 or > MaxUpcomingMonths)
        {
            errors.Add(new("months", $"must be between 1 and {MaxUpcomingMonths}."));
        }
        var baseCurrency = string.IsNullOrWhiteSpace(request.BaseCurrency) ? null : DividendRules.KnownCurrency(request.BaseCurrency, "baseCurrency", errors);
        RpcErrors.ThrowIfAny(errors);

        var (currency, payments, annual) = await upcoming.RunAsync(caller, request.Months == 0 ? 12 : request.Months, baseCurrency, context.CancellationToken);
        var report = new UpcomingReport { BaseCurrency = currency, ProjectedAnnualIncome = DecimalText.Format(annual) };
        report.Payments.AddRange(payments.Select(p => DividendMapping.ToProto(p.Payment, p.InBase)));
        return report;
    }

    public override async Task WatchDividends(WatchDividendsRequest request, IServerStreamWriter<Dividend> responseStream, ServerCallContext context)
    {
        var caller = Caller.User(context);
        // Only the verified caller's dividends: the watch is keyed by the token's user id.
        await streamGate.RunAsync(context, () => hub.Watch(caller.UserId), DividendMapping.ToProto, responseStream, announceReady: true);
    }
}
