using Grpc.Core;
using PortfolioTracker.ServiceDefaults.Data;
using PortfolioTracker.ServiceDefaults.Errors;

namespace PortfolioTracker.ServiceDefaults.Auth;

public static class ServiceCaller
{
    /// <summary>Admin and ingestion calls: only a service-role token may make them.</summary>
    public static DbClaims RequireServiceRole(ServerCallContext context)
    {
        var claims = context.GetHttpContext().GetDbClaims();
        if (claims.Role != DbClaims.ServiceRoleName)
        {
            throw RpcErrors.PermissionDenied("This call needs a service-role token.");
        }
        return claims;
    }

    /// <summary>Any verified caller (user or service) may read shared market data.</summary>
    public static DbClaims Any(ServerCallContext context) => context.GetHttpContext().GetDbClaims();
}
