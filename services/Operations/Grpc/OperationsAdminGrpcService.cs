using Grpc.Core;
using PortfolioTracker.OperationsService.Application;
using PortfolioTracker.Protos.Operations.V1;
using PortfolioTracker.ServiceDefaults.Auth;

namespace PortfolioTracker.OperationsService.Grpc;

/// <summary>The operators' routes: service-role tokens only (403 / PERMISSION_DENIED otherwise).</summary>
public sealed class OperationsAdminGrpcService(HealthReading health) : OperationsAdminService.OperationsAdminServiceBase
{
    public override async Task<GetHealthResponse> GetHealth(GetHealthRequest request, ServerCallContext context)
    {
        ServiceCaller.RequireServiceRole(context);
        return HealthMapping.ToResponse(await health.RunAsync(context.CancellationToken));
    }
}
