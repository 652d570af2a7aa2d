using Grpc.Core;
using PortfolioTracker.Portfolio.Application.Dividends;
using PortfolioTracker.Portfolio.Data;
using PortfolioTracker.Protos.Portfolio.V1;
using PortfolioTracker.ServiceDefaults.Auth;
using PortfolioTracker.ServiceDefaults.Errors;

namespace PortfolioTracker.Portfolio.Grpc;

/// <summary>
/// The proto's <c>DividendLedgerService</c>, for the Dividends service. The share history answers a
/// user's own token or a service-role token naming the user (the background sync); a decision
/// only a service-role token naming the user, so no client can write a dividend past the
/// Dividends service's checks. Either way the work runs under the user's own claims.
/// </summary>
public sealed class DividendLedgerGrpcService(ShareHistoryReader history, DividendDecisionWriter decisions)
    : DividendLedgerService.DividendLedgerServiceBase
{
    public override async Task<GetShareHistoryResponse> GetShareHistory(GetShareHistoryRequest request, ServerCallContext context)
    {
        var caller = Caller.ForNamedUser(context, request.UserId, "userId", usersMayCall: true);
        return await history.ReadAsync(caller.Claims, caller.UserId, request.KnownLedgerVersion, context.CancellationToken);
    }

    public override async Task<ApplyDividendDecisionResponse> ApplyDividendDecision(ApplyDividendDecisionRequest request, ServerCallContext context)
    {
        var caller = Caller.ForNamedUser(context, request.UserId, "userId", usersMayCall: false);
        var errors = new List<FieldViolation>();
        Guid? id = request.Decision == DividendDecision.Add ? null : RequestFields.Uuid(request.DividendId, "dividendId", errors);
        if (request.Decision == DividendDecision.Unspecified)
        {
            errors.Add(new("decision", "is required."));
        }
        var values = request.Decision is DividendDecision.Edit or DividendDecision.Add ? Values(request.Values, errors) : null;
        RpcErrors.ThrowIfAny(errors);

        var outcome = await decisions.ApplyAsync(caller.Claims, caller.UserId, id, request.Decision, values, context.CancellationToken);
        if (outcome.NotFound)
        {
            throw RpcErrors.NotFound("Dividend " + request.DividendId);
        }
        if (outcome.PortfolioMissing)
        {
            throw RpcErrors.NotFound("Portfolio " + request.Values.PortfolioId);
        }
        if (outcome.AlreadyExists)
        {
            throw RpcErrors.Conflict("A dividend of this symbol, portfolio, ex-date and type is already recorded.");
        }
        if (outcome.Refusal is { } refusal)
        {
            throw RpcErrors.InvalidArgument(refusal.Field, refusal.Description);
        }
        return new ApplyDividendDecisionResponse
        {
            DividendId = outcome.DividendId.ToString(),
            TransactionId = outcome.TransactionId?.ToString() ?? "",
            Status = outcome.Status,
        };
    }

    private static DividendFields? Values(DividendValues? v, List<FieldViolation> errors)
    {
        if (v is null)
        {
            errors.Add(new("values", "is required."));
            return null;
        }
        var portfolioId = RequestFields.OptionalUuid(v.PortfolioId, "portfolioId", errors) ?? Guid.Empty;
        var symbol = RequestFields.Symbol(v.Symbol, "symbol", errors);
        var exDate = RequestFields.RequiredDate(v.ExDate, "exDate", errors);
        DateOnly? Optional(string text, string field) => string.IsNullOrWhiteSpace(text) ? null : RequestFields.RequiredDate(text, field, errors);
        var payDate = Optional(v.PayDate, "payDate");
        var recordDate = Optional(v.RecordDate, "recordDate");
        var declarationDate = Optional(v.DeclarationDate, "declarationDate");
        var amount = RequestFields.PositiveDecimal(v.Amount, "amount", required: true, errors);
        var currency = RequestFields.Currency(v.Currency, "currency", errors);
        var shares = RequestFields.PositiveDecimal(v.SharesHeldAtExDate, "sharesHeldAtExDate", required: true, errors, NumericBounds.MaxQuantity);
        var total = RequestFields.PositiveDecimal(v.TotalAmount, "totalAmount", required: true, errors, NumericBounds.MaxAmount);
        var tax = RequestFields.Decimal(v.TaxWithheld, 0m, "taxWithheld", errors);
        var notes = RequestFields.OptionalText(v.Notes, "notes", 1000, errors, multiline: true);
        var type = string.IsNullOrWhiteSpace(v.DividendType) ? "cash" : v.DividendType;
        return errors.Count > 0
            ? null
            : new DividendFields(portfolioId, symbol, exDate!.Value, payDate, recordDate, declarationDate, amount!.Value, currency, shares!.Value,
                total!.Value, tax, notes, type);
    }
}
