using Grpc.Core;
using PortfolioTracker.ServiceDefaults.Validation;
using PortfolioTracker.MarketData.Ingestion;
using PortfolioTracker.Protos.MarketData.V1;
using PortfolioTracker.ServiceDefaults.Auth;
using PortfolioTracker.ServiceDefaults.Errors;
using PortfolioTracker.ServiceDefaults.Wire;

namespace PortfolioTracker.MarketData.Grpc;

public sealed class IngestionGrpcService(PriceIngestor ingestor) : IngestionService.IngestionServiceBase
{
    private const int MaxSymbolsPerCall = 50;

    public override async Task<IngestResponse> Ingest(IngestRequest request, ServerCallContext context)
    {
        ServiceCaller.RequireServiceRole(context);
        var errors = new List<FieldViolation>();
        var symbols = RequestFields.Symbols(request.Symbols, "symbols", errors);
        if (symbols.Count > MaxSymbolsPerCall)
        {
            errors.Add(new("symbols", $"must name at most {MaxSymbolsPerCall} symbols per call."));
        }
        RpcErrors.ThrowIfAny(errors);

        var response = new IngestResponse();
        foreach (var symbol in symbols)
        {
            var result = await ingestor.IngestAsync(symbol, context.CancellationToken);
            response.Results.Add(new Protos.MarketData.V1.IngestResult
            {
                Symbol = result.Symbol,
                Status = result.Status.ToString().ToLowerInvariant(),
                BarsUpserted = result.BarsUpserted,
                AsOf = DateText.Format(result.AsOf),
                Message = result.Message,
            });
        }
        return response;
    }
}
