using PortfolioTracker.Dividends.Data;
using PortfolioTracker.Dividends.Domain;
using PortfolioTracker.Protos.Dividends.V1;

namespace PortfolioTracker.Dividends.Grpc;

/// <summary>The proto's <c>DividendService</c>: the caller's dividends, read under their RLS.</summary>
public sealed class DividendGrpcService(RlsDatabase database, DividendRepository dividends) : DividendService.DividendServiceBase
{
    public override async Task<ListDividendsResponse> ListDividends(ListDividendsRequest request, ServerCallContext context)
    {
        var caller = Caller.User(context);
        var errors = new List<FieldViolation>();
        var statuses = DividendStatus.ParseList(request.Status, "status", errors);
        var year = RequestFields.OptionalYear(request.Year, "year", errors);
        RpcErrors.ThrowIfAny(errors);

        var rows = await database.RunAsync(caller.Claims,
            session => dividends.ListAsync(session, caller.UserId, statuses, year, context.CancellationToken),
            context.CancellationToken);

        var response = new ListDividendsResponse();
        response.Dividends.AddRange(rows.Select(r => new Dividend
        {
            Id = r.Id.ToString(),
            Symbol = r.Symbol,
            ExDate = DateText.Format(r.ExDate),
            PayDate = DateText.Format(r.PayDate),
            Amount = DecimalText.Format(r.Amount),
            Currency = r.Currency,
            SharesHeldAtExDate = DecimalText.Format(r.SharesHeldAtExDate),
            TotalAmount = DecimalText.Format(r.TotalAmount),
            Status = r.Status,
        }));
        return response;
    }
}
