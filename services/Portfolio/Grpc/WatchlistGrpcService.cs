using Grpc.Core;
using PortfolioTracker.Portfolio.Data;
using PortfolioTracker.Portfolio.Domain.Watchlist;
using PortfolioTracker.Protos.Portfolio.V1;
using PortfolioTracker.ServiceDefaults.Auth;
using PortfolioTracker.ServiceDefaults.Data;
using PortfolioTracker.ServiceDefaults.Errors;

namespace PortfolioTracker.Portfolio.Grpc;

public sealed class WatchlistGrpcService(RlsDatabase database, WatchlistRepository watchlist) : WatchlistService.WatchlistServiceBase
{
    public override async Task<ListWatchlistResponse> ListWatchlist(ListWatchlistRequest request, ServerCallContext context)
    {
        var caller = Caller.User(context);
        var rows = await database.RunAsync(caller.Claims,
            session => watchlist.ListAsync(session, caller.UserId, context.CancellationToken),
            context.CancellationToken);
        var response = new ListWatchlistResponse();
        response.Items.AddRange(rows.Select(ToProto));
        return response;
    }

    public override async Task<WatchlistItem> AddToWatchlist(AddToWatchlistRequest request, ServerCallContext context)
    {
        var caller = Caller.User(context);
        var validation = WatchlistEntry.Validate(new WatchlistInput(request.Symbol, request.Notes, request.TargetPrice));
        RpcErrors.ThrowIfAny(validation.Errors);
        var row = await database.RunAsync(caller.Claims,
            session => watchlist.UpsertAsync(session, caller.UserId, validation.Value!, context.CancellationToken),
            context.CancellationToken);
        return ToProto(row);
    }

    public override async Task<RemoveFromWatchlistResponse> RemoveFromWatchlist(RemoveFromWatchlistRequest request, ServerCallContext context)
    {
        var caller = Caller.User(context);
        var id = RequestIds.Parse(request.Id);
        var removed = await database.RunAsync(caller.Claims,
            session => watchlist.DeleteAsync(session, caller.UserId, id, context.CancellationToken),
            context.CancellationToken);
        if (!removed)
        {
            throw RpcErrors.NotFound("Watchlist item " + id);
        }
        return new RemoveFromWatchlistResponse();
    }

    private static WatchlistItem ToProto(WatchlistRow row) => new()
    {
        Id = row.Id.ToString(),
        Symbol = row.Symbol,
        Notes = row.Notes ?? "",
        TargetPrice = DecimalText.Format(row.TargetPrice),
        CreatedAt = DateText.Format(row.CreatedAt),
    };
}
