using Grpc.Core;
using PortfolioTracker.Portfolio.Application.Portfolios;
using PortfolioTracker.Portfolio.Data;
using PortfolioTracker.Protos.Portfolio.V1;
using PortfolioTracker.ServiceDefaults.Auth;
using PortfolioTracker.ServiceDefaults.Data;
using PortfolioTracker.ServiceDefaults.Errors;

namespace PortfolioTracker.Portfolio.Grpc;

public sealed class PortfolioGrpcService(RlsDatabase database, PortfolioRepository portfolios, PortfolioWriter writer)
    : PortfolioService.PortfolioServiceBase
{
    private const int MaxNameLength = 100;
    private const int MaxDescriptionLength = 1000;

    public override async Task<ListPortfoliosResponse> ListPortfolios(ListPortfoliosRequest request, ServerCallContext context)
    {
        var caller = Caller.User(context);
        var rows = await database.RunAsync(caller.Claims, async session =>
        {
            await portfolios.EnsureDefaultAsync(session, caller.UserId, context.CancellationToken);
            return await portfolios.ListAsync(session, caller.UserId, context.CancellationToken);
        }, context.CancellationToken);

        var response = new ListPortfoliosResponse();
        response.Portfolios.AddRange(rows.Select(ToProto));
        return response;
    }

    public override async Task<Protos.Portfolio.V1.Portfolio> CreatePortfolio(CreatePortfolioRequest request, ServerCallContext context)
    {
        var caller = Caller.User(context);
        var errors = new List<FieldViolation>();
        var name = RequestFields.RequiredText(request.Name, "name", MaxNameLength, errors);
        var description = RequestFields.OptionalText(request.Description, "description", MaxDescriptionLength, errors, multiline: true);
        RpcErrors.ThrowIfAny(errors);

        var row = await writer.CreateAsync(caller.Claims, caller.UserId, name!, description, context.CancellationToken);
        return ToProto(row);
    }

    public override async Task<Protos.Portfolio.V1.Portfolio> UpdatePortfolio(UpdatePortfolioRequest request, ServerCallContext context)
    {
        var caller = Caller.User(context);
        var errors = new List<FieldViolation>();
        var id = RequestFields.Uuid(request.Id, "id", errors);
        var name = request.HasName ? RequestFields.RequiredText(request.Name, "name", MaxNameLength, errors) : null;
        // Present but blank clears the description ("").
        var description = request.HasDescription
            ? RequestFields.OptionalText(request.Description, "description", MaxDescriptionLength, errors, multiline: true) ?? ""
            : null;
        RpcErrors.ThrowIfAny(errors);

        var row = await writer.UpdateAsync(caller.Claims, caller.UserId, id, name, description, context.CancellationToken)
            ?? throw RpcErrors.NotFound("Portfolio " + id);
        return ToProto(row);
    }

    public override async Task<DeletePortfolioResponse> DeletePortfolio(DeletePortfolioRequest request, ServerCallContext context)
    {
        var caller = Caller.User(context);
        var id = RequestIds.Parse(request.Id);

        var deleted = await writer.DeleteAsync(caller.Claims, caller.UserId, id, context.CancellationToken);
        return deleted switch
        {
            null => throw RpcErrors.NotFound("Portfolio " + id),
            false => throw RpcErrors.FailedPrecondition("The default portfolio cannot be deleted."),
            true => new DeletePortfolioResponse(),
        };
    }

    private static Protos.Portfolio.V1.Portfolio ToProto(PortfolioRow r) => new()
    {
        Id = r.Id.ToString(),
        Name = r.Name,
        Description = r.Description ?? "",
        IsDefault = r.IsDefault,
        CreatedAt = DateText.Format(r.CreatedAt),
    };
}
