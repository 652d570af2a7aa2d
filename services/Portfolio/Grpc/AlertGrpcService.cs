using Grpc.Core;
using PortfolioTracker.Portfolio.Alerts;
using PortfolioTracker.Portfolio.Data;
using PortfolioTracker.Portfolio.Domain.Alerts;
using PortfolioTracker.Protos.Portfolio.V1;
using PortfolioTracker.ServiceDefaults.Auth;
using PortfolioTracker.ServiceDefaults.Data;
using PortfolioTracker.ServiceDefaults.Errors;
using PortfolioTracker.ServiceDefaults.Messaging;

namespace PortfolioTracker.Portfolio.Grpc;

public sealed class AlertGrpcService(RlsDatabase database, AlertRepository alerts, FiredAlertHub hub, StreamGate streamGate) : AlertService.AlertServiceBase
{
    public override async Task<ListAlertsResponse> ListAlerts(ListAlertsRequest request, ServerCallContext context)
    {
        var caller = Caller.User(context);
        var rows = await database.RunAsync(caller.Claims,
            session => alerts.ListAsync(session, caller.UserId, context.CancellationToken),
            context.CancellationToken);
        var response = new ListAlertsResponse();
        response.Alerts.AddRange(rows.Select(ToProto));
        return response;
    }

    public override async Task<Alert> CreateAlert(CreateAlertRequest request, ServerCallContext context)
    {
        var caller = Caller.User(context);
        var validation = NewAlert.Validate(new AlertInput(request.Symbol, request.TargetPrice, request.Condition));
        RpcErrors.ThrowIfAny(validation.Errors);
        var alert = await database.RunAsync(caller.Claims,
            session => alerts.UpsertAsync(session, caller.UserId, validation.Value!, context.CancellationToken),
            context.CancellationToken);
        return ToProto(alert);
    }

    public override async Task<DeleteAlertResponse> DeleteAlert(DeleteAlertRequest request, ServerCallContext context)
    {
        var caller = Caller.User(context);
        var id = RequestIds.Parse(request.Id);
        var deleted = await database.RunAsync(caller.Claims,
            session => alerts.DeleteAsync(session, caller.UserId, id, context.CancellationToken),
            context.CancellationToken);
        if (!deleted)
        {
            throw RpcErrors.NotFound("Alert " + id);
        }
        return new DeleteAlertResponse();
    }

    public override async Task WatchAlerts(WatchAlertsRequest request, IServerStreamWriter<Alert> responseStream, ServerCallContext context)
    {
        var caller = Caller.User(context);
        // Only the verified caller's alerts: the watch is keyed by the token's user id.
        // Headers go out once the watch is registered, so a direct client that has them knows
        // alerts firing from now on reach it. (The gateway holds headers until the first message.)
        await streamGate.RunAsync(context, () => hub.Watch(caller.UserId), ToProto, responseStream, announceReady: true);
    }

    private static Alert ToProto(PriceAlert alert) => new()
    {
        Id = alert.Id.ToString(),
        Symbol = alert.Symbol,
        TargetPrice = DecimalText.Format(alert.TargetPrice),
        Condition = alert.Condition.ToStorage(),
        IsActive = alert.IsActive,
        CreatedAt = DateText.Format(alert.CreatedAt),
        TriggeredAt = alert.TriggeredAt is { } at ? DateText.Format(at) : "",
        TriggeredPrice = DecimalText.Format(alert.TriggeredPrice),
    };
}
