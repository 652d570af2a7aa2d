using Grpc.Core;
using PortfolioTracker.ServiceDefaults.Validation;
using PortfolioTracker.MarketData.Data;
using PortfolioTracker.Protos.MarketData.V1;
using PortfolioTracker.ServiceDefaults.Auth;
using PortfolioTracker.ServiceDefaults.Errors;

namespace PortfolioTracker.MarketData.Grpc;

public sealed class StockGrpcService(RlsDatabase database, StockRepository stocks) : StockService.StockServiceBase
{
    private const int DefaultPageSize = 20;
    private const int MaxPageSize = 100;
    private const int MaxQueryLength = 100;
    private const int MaxTextLength = 200;

    public override async Task<Stock> GetStock(GetStockRequest request, ServerCallContext context)
    {
        var errors = new List<FieldViolation>();
        var symbol = RequestFields.Symbol(request.Symbol, "symbol", errors);
        RpcErrors.ThrowIfAny(errors);

        var row = await database.RunAsync(ServiceCaller.Any(context),
            session => stocks.GetAsync(session, symbol, context.CancellationToken), context.CancellationToken);
        if (row is null)
        {
            throw RpcErrors.NotFound("Stock " + symbol);
        }
        return ToProto(row);
    }

    public override async Task<SearchStocksResponse> SearchStocks(SearchStocksRequest request, ServerCallContext context)
    {
        var errors = new List<FieldViolation>();
        var limit = RequestFields.PageSize(request.PageSize, DefaultPageSize, MaxPageSize, "pageSize", errors);
        var query = RequestFields.OptionalText(request.Query, "query", MaxQueryLength, errors) ?? "";
        RpcErrors.ThrowIfAny(errors);

        var rows = await database.RunAsync(ServiceCaller.Any(context),
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
        var companyName = RequestFields.OptionalText(request.CompanyName, "companyName", MaxTextLength, errors);
        var exchange = RequestFields.OptionalText(request.Exchange, "exchange", MaxTextLength, errors);
        var sector = RequestFields.OptionalText(request.Sector, "sector", MaxTextLength, errors);
        var industry = RequestFields.OptionalText(request.Industry, "industry", MaxTextLength, errors);
        var country = RequestFields.OptionalText(request.Country, "country", MaxTextLength, errors);
        RpcErrors.ThrowIfAny(errors);

        var row = await database.RunAsync(claims, session => stocks.UpsertAsync(session,
            new StockRow(symbol, companyName, exchange, currency, sector, industry, country),
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
