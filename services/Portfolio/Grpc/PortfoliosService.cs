using Grpc.Core;
using PortfolioTracker.Portfolio.Data;
using PortfolioTracker.Protos.Portfolio.V1;
using PortfolioTracker.ServiceDefaults.Auth;
using PortfolioTracker.ServiceDefaults.Data;
using PortfolioTracker.ServiceDefaults.Wire;

namespace PortfolioTracker.Portfolio.Grpc;

public sealed class PortfoliosService(RlsDatabase database, PortfolioRepository portfolios) : PortfolioService.PortfolioServiceBase
{
    public override async Task<ListPortfoliosResponse> ListPortfolios(ListPortfoliosRequest request, ServerCallContext context)
    {
        var caller = Caller.User(context);
        var rows = await database.RunAsync(caller.Claims, async session =>
        {
            await portfolios.EnsureDefaultAsync(session, caller.UserId, context.CancellationToken);
            return await portfolios.ListAsync(session, caller.UserId, context.CancellationToken);
        }, context.CancellationToken);

        var response = new ListPortfoliosResponse();
        response.Portfolios.AddRange(rows.Select(r => new Protos.Portfolio.V1.Portfolio
        {
            Id = r.Id.ToString(),
            Name = r.Name,
            Description = r.Description ?? "",
            IsDefault = r.IsDefault,
            CreatedAt = DateText.Format(r.CreatedAt),
        }));
        return response;
    }
}
