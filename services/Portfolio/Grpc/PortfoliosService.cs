using Grpc.Core;
using PortfolioTracker.ServiceDefaults.Validation;
using PortfolioTracker.Portfolio.Caching;
using PortfolioTracker.Portfolio.Data;
using PortfolioTracker.Protos.Portfolio.V1;
using PortfolioTracker.ServiceDefaults.Auth;
using PortfolioTracker.ServiceDefaults.Data;
using PortfolioTracker.ServiceDefaults.Errors;
using PortfolioTracker.ServiceDefaults.Wire;

namespace PortfolioTracker.Portfolio.Grpc;

public sealed class PortfoliosService(RlsDatabase database, PortfolioRepository portfolios, MetricsCache metrics, LedgerRefresher ledgers)
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
        var name = Name(request.Name, errors);
        var description = Description(request.Description, errors);
        ThrowIfAny(errors);

        var row = await database.RunAsync(caller.Claims, async session =>
        {
            // The default portfolio exists before any other, so "first" never means "default by accident".
            await portfolios.EnsureDefaultAsync(session, caller.UserId, context.CancellationToken);
            return await portfolios.CreateAsync(session, caller.UserId, name, description, context.CancellationToken);
        }, context.CancellationToken);
        return ToProto(row);
    }

    public override async Task<Protos.Portfolio.V1.Portfolio> UpdatePortfolio(UpdatePortfolioRequest request, ServerCallContext context)
    {
        var caller = Caller.User(context);
        var errors = new List<FieldViolation>();
        var id = Id(request.Id, errors);
        var name = request.HasName ? Name(request.Name, errors) : null;
        var description = request.HasDescription ? Description(request.Description, errors) ?? "" : null;
        ThrowIfAny(errors);

        var row = await database.RunAsync(caller.Claims,
            session => portfolios.UpdateAsync(session, caller.UserId, id, name, description, context.CancellationToken),
            context.CancellationToken);
        if (row is null)
        {
            throw RpcErrors.NotFound("Portfolio " + id);
        }
        return ToProto(row);
    }

    public override async Task<DeletePortfolioResponse> DeletePortfolio(DeletePortfolioRequest request, ServerCallContext context)
    {
        var caller = Caller.User(context);
        var errors = new List<FieldViolation>();
        var id = Id(request.Id, errors);
        ThrowIfAny(errors);

        var deleted = await database.RunAsync(caller.Claims,
            session => portfolios.DeleteAsync(session, caller.UserId, id, context.CancellationToken),
            context.CancellationToken);
        switch (deleted)
        {
            case null:
                throw RpcErrors.NotFound("Portfolio " + id);
            case false:
                throw RpcErrors.FailedPrecondition("The default portfolio cannot be deleted.");
        }
        await metrics.InvalidateUserAsync(caller.UserId, "portfolio deleted", context.CancellationToken);
        ledgers.Schedule(caller.Claims, caller.UserId); // its transactions went with it
        return new DeletePortfolioResponse();
    }

    private static Protos.Portfolio.V1.Portfolio ToProto(PortfolioRow r) => new()
    {
        Id = r.Id.ToString(),
        Name = r.Name,
        Description = r.Description ?? "",
        IsDefault = r.IsDefault,
        CreatedAt = DateText.Format(r.CreatedAt),
    };

    private static string Name(string text, List<FieldViolation> errors)
    {
        var name = text.Trim();
        if (name.Length is 0 or > MaxNameLength)
        {
            errors.Add(new("name", $"must be 1-{MaxNameLength} characters."));
        }
        return name;
    }

    private static string? Description(string text, List<FieldViolation> errors)
    {
        if (text.Length > MaxDescriptionLength)
        {
            errors.Add(new("description", $"must be at most {MaxDescriptionLength} characters."));
        }
        return string.IsNullOrWhiteSpace(text) ? null : text.Trim();
    }

    private static Guid Id(string text, List<FieldViolation> errors)
    {
        if (Guid.TryParse(text, out var id))
        {
            return id;
        }
        errors.Add(new("id", "must be a UUID."));
        return Guid.Empty;
    }

    private static void ThrowIfAny(List<FieldViolation> errors)
    {
        if (errors.Count > 0)
        {
            throw RpcErrors.InvalidArgument(errors);
        }
    }
}
