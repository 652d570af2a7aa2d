using Grpc.Core;
using PortfolioTracker.Portfolio.Application.Transactions;
using PortfolioTracker.Portfolio.Data;
using PortfolioTracker.Portfolio.Domain.Import;
using PortfolioTracker.Protos.Portfolio.V1;
using PortfolioTracker.ServiceDefaults.Auth;
using PortfolioTracker.ServiceDefaults.Data;
using PortfolioTracker.ServiceDefaults.Errors;

namespace PortfolioTracker.Portfolio.Grpc;

public sealed class TransactionGrpcService(
    RlsDatabase database,
    TransactionRepository transactions,
    TransactionWriter writer,
    TimeProvider clock) : TransactionService.TransactionServiceBase
{
    private const int DefaultPageSize = 100;
    private const int MaxPageSize = 500;

    private DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    public override async Task<Transaction> CreateTransaction(CreateTransactionRequest request, ServerCallContext context)
    {
        var caller = Caller.User(context);
        var validation = TransactionValidator.Validate(request.ToInput(), Today);
        RpcErrors.ThrowIfAny(validation.Errors);
        var result = await writer.CreateAsync(caller.Claims, caller.UserId, [validation.Value!], context.CancellationToken);
        ThrowIfRefused(result, _ => "");
        return result.Rows[0].ToProto();
    }

    public override async Task<Transaction> UpdateTransaction(UpdateTransactionRequest request, ServerCallContext context)
    {
        var caller = Caller.User(context);
        var id = RequestIds.Parse(request.Id);
        WriteResult result;
        try
        {
            result = await writer.UpdateAsync(caller.Claims, caller.UserId, id,
                stored => TransactionValidator.Validate(request.MergeInto(stored), Today), context.CancellationToken);
        }
        catch (TransactionValidationException invalid)
        {
            throw RpcErrors.InvalidArgument(invalid.Errors);
        }
        ThrowIfRefused(result, _ => "");
        return result.Rows[0].ToProto();
    }

    public override async Task<DeleteTransactionResponse> DeleteTransaction(DeleteTransactionRequest request, ServerCallContext context)
    {
        var caller = Caller.User(context);
        var id = RequestIds.Parse(request.Id);
        var result = await writer.DeleteAsync(caller.Claims, caller.UserId, id, context.CancellationToken);
        ThrowIfRefused(result, _ => "");
        return new DeleteTransactionResponse();
    }

    public override async Task<ImportTransactionsResponse> ImportTransactions(ImportTransactionsRequest request, ServerCallContext context)
    {
        var caller = Caller.User(context);
        var file = TransactionFileParser.Parse(request.Content, string.IsNullOrWhiteSpace(request.Format) ? null : request.Format);
        var errors = file.Errors.ToList();
        var portfolioId = RequestFields.OptionalUuid(request.PortfolioId, "portfolioId", errors);
        var valid = file.Validate(portfolioId, Today, errors);
        RpcErrors.ThrowIfAny(errors);

        var result = await writer.CreateAsync(caller.Claims, caller.UserId, valid, context.CancellationToken);
        // Rows are stored in file order, so a refused transaction maps back to its row number.
        var rowNumbers = result.Rows.Select((row, index) => (row.Id, file.Rows[index].Row)).ToDictionary(p => p.Id, p => p.Row);
        ThrowIfRefused(result, problemId => rowNumbers.TryGetValue(problemId, out var row) ? $"rows[{row}]." : "");
        return result.Rows.ToImportResponse();
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
        var id = RequestIds.Parse(request.Id);
        var row = await database.RunAsync(caller.Claims,
            session => transactions.GetAsync(session, caller.UserId, id, context.CancellationToken),
            context.CancellationToken);
        if (row is null)
        {
            throw RpcErrors.NotFound("Transaction " + id);
        }
        return row.ToProto();
    }

    /// <summary>Maps a refused write to its status; <paramref name="prefix"/> names where a problem's field sits.</summary>
    private static void ThrowIfRefused(WriteResult result, Func<Guid, string> prefix)
    {
        if (result.NotFound)
        {
            throw RpcErrors.NotFound("Transaction");
        }
        if (result.BadPortfolio is not null)
        {
            throw RpcErrors.InvalidArgument("portfolioId", "no such portfolio.");
        }
        if (result.Problem is { } problem)
        {
            throw RpcErrors.InvalidArgument(prefix(problem.TransactionId) + problem.Field, problem.Description);
        }
    }

    private static TransactionFilter ToFilter(ListTransactionsRequest request)
    {
        var errors = new List<FieldViolation>();
        var portfolioId = RequestFields.OptionalUuid(request.PortfolioId, "portfolioId", errors);
        var pageSize = RequestFields.PageSize(request.PageSize, DefaultPageSize, MaxPageSize, "pageSize", errors);
        if (!PageToken.TryDecode(request.PageToken, out var cursor))
        {
            errors.Add(new("pageToken", "is not a token this service issued."));
        }
        RpcErrors.ThrowIfAny(errors);
        var symbol = string.IsNullOrWhiteSpace(request.Symbol) ? null : request.Symbol.Trim().ToUpperInvariant();
        return new TransactionFilter(portfolioId, symbol, cursor, pageSize);
    }
}
