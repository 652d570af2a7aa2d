using Grpc.Core;
using PortfolioTracker.Dividends.Data;
using PortfolioTracker.Dividends.Domain;
using PortfolioTracker.Protos.Dividends.V1;
using PortfolioTracker.ServiceDefaults.Auth;
using PortfolioTracker.ServiceDefaults.Data;
using PortfolioTracker.ServiceDefaults.Errors;
using PortfolioTracker.ServiceDefaults.Wire;

namespace PortfolioTracker.Dividends.Grpc;

public sealed class DividendsService(RlsDatabase database, DividendRepository dividends) : DividendService.DividendServiceBase
{
    public override async Task<ListDividendsResponse> ListDividends(ListDividendsRequest request, ServerCallContext context)
    {
        var caller = Caller.User(context);
        var statuses = DividendStatus.ParseList(request.Status);
        if (statuses is null)
        {
            throw RpcErrors.InvalidArgument("status", "must list statuses among pending, confirmed, edited, rejected.");
        }
        if (request.Year is < 0 or > 9999 || request.Year is > 0 and < 1900)
        {
            throw RpcErrors.InvalidArgument("year", "must be a year from 1900 to 9999.");
        }
        int? year = request.Year == 0 ? null : request.Year;

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
