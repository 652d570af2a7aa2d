using Grpc.Core;
using PortfolioTracker.Portfolio.Alerts;
using PortfolioTracker.Portfolio.Data;
using PortfolioTracker.Portfolio.Domain.Alerts;
using PortfolioTracker.Protos.Portfolio.V1;
using PortfolioTracker.ServiceDefaults.Auth;
using PortfolioTracker.ServiceDefaults.Data;
using PortfolioTracker.ServiceDefaults.Errors;

namespace PortfolioTracker.Portfolio.Grpc;

public sealed class AlertGrpcService(RlsDatabase database, AlertRepository alerts, FiredAlertHub hub) : AlertService.AlertServiceBase
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
        using var watch = hub.Watch(caller.UserId);
        // Headers go out once the watch is registered, so a direct client that has them knows
        // alerts firing from now on reach it. (The gateway holds headers until the first message.)
        await context.WriteResponseHeadersAsync([]);
        try
        {
            await foreach (var alert in watch.Messages.ReadAllAsync(context.CancellationToken))
            {
                await responseStream.WriteAsync(ToProto(alert), context.CancellationToken);
            }
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
            // The client went away: a normal end of a stream.
        }
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
