using Grpc.Core;
using PortfolioTracker.Portfolio.Data;
using PortfolioTracker.Protos.Portfolio.V1;
using PortfolioTracker.ServiceDefaults.Auth;
using PortfolioTracker.ServiceDefaults.Data;
using PortfolioTracker.ServiceDefaults.Errors;

namespace PortfolioTracker.Portfolio.Grpc;

public sealed class HoldingGrpcService(RlsDatabase database, HoldingRepository holdings, PortfolioRepository portfolios) : HoldingService.HoldingServiceBase
{
    public override async Task<ListHoldingsResponse> ListHoldings(ListHoldingsRequest request, ServerCallContext context)
    {
        var caller = Caller.User(context);
        var errors = new List<FieldViolation>();
        var portfolioId = RequestFields.OptionalUuid(request.PortfolioId, "portfolioId", errors);
        RpcErrors.ThrowIfAny(errors);

        var rows = await database.RunAsync(caller.Claims, async session =>
            portfolioId is { } id && !await portfolios.ExistsAsync(session, caller.UserId, id, context.CancellationToken)
                ? null
                : await holdings.ListAsync(session, caller.UserId, portfolioId, request.IncludeClosed, context.CancellationToken),
            context.CancellationToken);
        if (rows is null)
        {
            // Another user's portfolio is as unknown as one that never existed.
            throw RpcErrors.NotFound("Portfolio " + request.PortfolioId);
        }
        var response = new ListHoldingsResponse();
        response.Holdings.AddRange(rows.Select(r => new Holding
        {
            PortfolioId = r.PortfolioId.ToString(),
            Symbol = r.Symbol,
            Quantity = DecimalText.Format(r.Quantity),
            AveragePrice = DecimalText.Format(r.AveragePrice),
            UpdatedAt = DateText.Format(r.UpdatedAt),
        }));
        return response;
    }
}
