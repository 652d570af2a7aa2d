using Grpc.Core;
using PortfolioTracker.ServiceDefaults.Data;
using PortfolioTracker.ServiceDefaults.Errors;

namespace PortfolioTracker.ServiceDefaults.Auth;

/// <summary>The verified caller of a gRPC call.</summary>
public sealed record Caller(DbClaims Claims, Guid UserId)
{
    /// <summary>A signed-in user; a service-role token has no user and cannot own data.</summary>
    public static Caller User(ServerCallContext context)
    {
        var claims = context.GetHttpContext().GetDbClaims();
        if (claims.UserId is { } userId && claims.Role == DbClaims.Authenticated)
        {
            return new Caller(claims, userId);
        }
        throw RpcErrors.PermissionDenied("This call needs a signed-in user's token.");
    }
}
