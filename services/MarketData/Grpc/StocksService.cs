using Grpc.Core;
using PortfolioTracker.ServiceDefaults.Validation;
using PortfolioTracker.MarketData.Data;
using PortfolioTracker.Protos.MarketData.V1;
using PortfolioTracker.ServiceDefaults.Auth;
using PortfolioTracker.ServiceDefaults.Data;
using PortfolioTracker.ServiceDefaults.Errors;

namespace PortfolioTracker.MarketData.Grpc;

public sealed class StocksService(RlsDatabase database, StockRepository stocks) : StockService.StockServiceBase
{
    private const int DefaultPageSize = 20;
    private const int MaxPageSize = 100;
    private const int MaxSymbolLength = 20;
    private const int MaxTextLength = 200;

    public override async Task<Stock> GetStock(GetStockRequest request, ServerCallContext context)
    {
        var symbol = request.Symbol.Trim().ToUpperInvariant();
        if (symbol.Length is 0 or > MaxSymbolLength)
        {
            throw RpcErrors.InvalidArgument("symbol", $"must be 1-{MaxSymbolLength} characters.");
        }
        var claims = ServiceCaller.Any(context);
        var row = await database.RunAsync(claims,
            session => stocks.GetAsync(session, symbol, context.CancellationToken), context.CancellationToken);
        if (row is null)
        {
            throw RpcErrors.NotFound("Stock " + symbol);
        }
        return ToProto(row);
    }

    public override async Task<SearchStocksResponse> SearchStocks(SearchStocksRequest request, ServerCallContext context)
    {
        if (request.PageSize is < 0 or > MaxPageSize)
        {
            throw RpcErrors.InvalidArgument("pageSize", $"must be between 1 and {MaxPageSize}.");
        }
        var query = request.Query.Trim();
        if (query.Length > 100)
        {
            throw RpcErrors.InvalidArgument("query", "must be at most 100 characters.");
        }
        var claims = context.GetHttpContext().GetDbClaims();
        var limit = request.PageSize == 0 ? DefaultPageSize : request.PageSize;
        var rows = await database.RunAsync(claims,
            session => stocks.SearchAsync(session, query, limit, context.CancellationToken), context.CancellationToken);

        var response = new SearchStocksResponse();
        response.Stocks.AddRange(rows.Select(ToProto));
        return response;
    }

    public override async Task<GetStocksBatchResponse> GetStocksBatch(GetStocksBatchRequest request, ServerCallContext context)
    {
        var errors = new List<FieldViolation>();
        var symbols = RequestFields.Symbols(request.Symbols, "symbols", errors);
        RpcErrors.ThrowIfAny(errors);

        var rows = await database.RunAsync(ServiceCaller.Any(context),
            session => stocks.GetManyAsync(session, symbols, context.CancellationToken), context.CancellationToken);
        var response = new GetStocksBatchResponse();
        response.Stocks.AddRange(rows.Select(ToProto));
        return response;
    }

    public override async Task<Stock> UpsertStock(UpsertStockRequest request, ServerCallContext context)
    {
        var claims = ServiceCaller.RequireServiceRole(context);
        var errors = new List<FieldViolation>();
        var symbol = RequestFields.Symbol(request.Symbol, "symbol", errors);
        var currency = RequestFields.Currency(request.Currency, "currency", errors);
        foreach (var (field, value) in new[] { ("companyName", request.CompanyName), ("exchange", request.Exchange), ("sector", request.Sector), ("industry", request.Industry), ("country", request.Country) })
        {
            if (value.Length > MaxTextLength) errors.Add(new(field, $"must be at most {MaxTextLength} characters."));
        }
        RpcErrors.ThrowIfAny(errors);

        var row = await database.RunAsync(claims, session => stocks.UpsertAsync(session,
            new StockRow(symbol, request.CompanyName, request.Exchange, currency, request.Sector, request.Industry, request.Country),
            context.CancellationToken), context.CancellationToken);
        return ToProto(row);
    }

    private static Stock ToProto(StockRow row) => new()
    {
        Symbol = row.Symbol,
        CompanyName = row.CompanyName ?? "",
        Exchange = row.Exchange ?? "",
        Currency = row.Currency,
        Sector = row.Sector ?? "",
        Industry = row.Industry ?? "",
        Country = row.Country ?? "",
    };
}
