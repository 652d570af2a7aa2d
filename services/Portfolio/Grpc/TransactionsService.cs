using Grpc.Core;
using PortfolioTracker.Portfolio.Data;
using PortfolioTracker.Portfolio.Domain;
using PortfolioTracker.Protos.Portfolio.V1;
using PortfolioTracker.ServiceDefaults.Auth;
using PortfolioTracker.ServiceDefaults.Data;
using PortfolioTracker.ServiceDefaults.Errors;

namespace PortfolioTracker.Portfolio.Grpc;

public sealed class TransactionsService(
    RlsDatabase database,
    PortfolioRepository portfolios,
    TransactionRepository transactions,
    TimeProvider clock) : TransactionService.TransactionServiceBase
{
    private const int DefaultPageSize = 100;
    private const int MaxPageSize = 500;

    public override async Task<Transaction> CreateTransaction(CreateTransactionRequest request, ServerCallContext context)
    {
        var caller = Caller.User(context);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var validation = TransactionValidator.Validate(request.ToInput(), today);
        if (!validation.IsValid)
        {
            RpcErrors.InvalidArgument(validation.Errors);
        }
        var transaction = validation.Value!;

        var row = await database.RunAsync(caller.Claims, async session =>
        {
            var portfolioId = transaction.PortfolioId
                ?? await portfolios.EnsureDefaultAsync(session, caller.UserId, context.CancellationToken);
            if (transaction.PortfolioId is { } requested
                && !await portfolios.ExistsAsync(session, caller.UserId, requested, context.CancellationToken))
            {
                RpcErrors.InvalidArgument("portfolioId", "no such portfolio.");
            }
            return await transactions.InsertAsync(session, caller.UserId, portfolioId, transaction, context.CancellationToken);
        }, context.CancellationToken);
        return row.ToProto();
    }

    public override async Task<ListTransactionsResponse> ListTransactions(ListTransactionsRequest request, ServerCallContext context)
    {
        var caller = Caller.User(context);
        var filter = ToFilter(request);
        var rows = await database.RunAsync(caller.Claims,
            session => transactions.ListAsync(session, caller.UserId, filter, context.CancellationToken),
            context.CancellationToken);

        var response = new ListTransactionsResponse();
        response.Transactions.AddRange(rows.Take(filter.PageSize).Select(r => r.ToProto()));
        if (rows.Count > filter.PageSize)
        {
            response.NextPageToken = PageToken.Encode(rows[filter.PageSize - 1]);
        }
        return response;
    }

    public override async Task<Transaction> GetTransaction(GetTransactionRequest request, ServerCallContext context)
    {
        var caller = Caller.User(context);
        var id = ParseId(request.Id);
        var row = await database.RunAsync(caller.Claims,
            session => transactions.GetAsync(session, caller.UserId, id, context.CancellationToken),
            context.CancellationToken);
        if (row is null)
        {
            RpcErrors.NotFound("Transaction " + id);
        }
        return row.ToProto();
    }

    public override async Task<DeleteTransactionResponse> DeleteTransaction(DeleteTransactionRequest request, ServerCallContext context)
    {
        var caller = Caller.User(context);
        var id = ParseId(request.Id);
        var deleted = await database.RunAsync(caller.Claims,
            session => transactions.DeleteAsync(session, caller.UserId, id, context.CancellationToken),
            context.CancellationToken);
        if (!deleted)
        {
            RpcErrors.NotFound("Transaction " + id);
        }
        return new DeleteTransactionResponse();
    }

    private static TransactionFilter ToFilter(ListTransactionsRequest request)
    {
        var errors = new List<FieldViolation>();
        Guid? portfolioId = null;
        if (!string.IsNullOrWhiteSpace(request.PortfolioId))
        {
            if (Guid.TryParse(request.PortfolioId, out var id)) portfolioId = id;
            else errors.Add(new("portfolioId", "must be a UUID."));
        }
        if (request.PageSize is < 0 or > MaxPageSize)
        {
            errors.Add(new("pageSize", $"must be between 1 and {MaxPageSize}."));
        }
        if (!PageToken.TryDecode(request.PageToken, out var cursor))
        {
            errors.Add(new("pageToken", "is not a token this service issued."));
        }
        if (errors.Count > 0)
        {
            RpcErrors.InvalidArgument(errors);
        }
        var symbol = string.IsNullOrWhiteSpace(request.Symbol) ? null : request.Symbol.Trim().ToUpperInvariant();
        return new TransactionFilter(portfolioId, symbol, cursor, request.PageSize == 0 ? DefaultPageSize : request.PageSize);
    }

    private static Guid ParseId(string text)
    {
        if (!Guid.TryParse(text, out var id))
        {
            RpcErrors.InvalidArgument("id", "must be a UUID.");
        }
        return id;
    }
}
