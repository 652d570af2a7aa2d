using Google.Protobuf.WellKnownTypes;
using PortfolioTracker.ServiceDefaults.Validation;
using Grpc.Core;
using PortfolioTracker.MarketData.Data;
using PortfolioTracker.Protos.MarketData.V1;
using PortfolioTracker.ServiceDefaults.Auth;
using PortfolioTracker.ServiceDefaults.Errors;
using PortfolioTracker.ServiceDefaults.Wire;

namespace PortfolioTracker.MarketData.Grpc;

public sealed class FinancialsGrpcService(RlsDatabase database, FinancialsRepository financials) : FinancialsService.FinancialsServiceBase
{
    public override async Task<GetFinancialsResponse> GetFinancials(GetFinancialsRequest request, ServerCallContext context)
    {
        var errors = new List<FieldViolation>();
        var symbol = RequestFields.Symbol(request.Symbol, "symbol", errors);
        RpcErrors.ThrowIfAny(errors);

        var documents = await database.RunAsync(ServiceCaller.Any(context),
            session => financials.GetAsync(session, symbol, context.CancellationToken), context.CancellationToken);
        if (documents.Count == 0)
        {
            throw RpcErrors.NotFound("Financials of " + symbol);
        }

        var response = new GetFinancialsResponse { Symbol = symbol };
        response.Documents.AddRange(documents.Select(d => new FinancialDocument
        {
            DataType = d.DataType,
            LastUpdated = DateText.Format(d.LastUpdated),
            Data = Struct.Parser.ParseJson(d.Json),
        }));
        return response;
    }
}
