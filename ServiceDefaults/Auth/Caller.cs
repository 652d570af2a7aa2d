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

    /// <summary>
    /// The user a service-to-service call is for. A service-role token must name the user
    /// (<paramref name="userIdField"/>, a request field) and the work runs under that user's own
    /// claims, so RLS isolates it as the user's token would. A user's token is accepted only when
    /// <paramref name="usersMayCall"/>, and may name no one but itself.
    /// </summary>
    public static Caller ForNamedUser(ServerCallContext context, string userIdText, string userIdField, bool usersMayCall)
    {
        var claims = context.GetHttpContext().GetDbClaims();
        if (claims.Role == DbClaims.ServiceRoleName)
        {
            return Guid.TryParse(userIdText, out var named) && named != Guid.Empty
                ? new Caller(DbClaims.ForUser(named), named)
                : throw RpcErrors.InvalidArgument(userIdField, "must name the user (a UUID) when a service calls.");
        }
        if (!usersMayCall)
        {
            throw RpcErrors.PermissionDenied("This call is for the suite's services only.");
        }
        var user = User(context);
        return string.IsNullOrEmpty(userIdText) || (Guid.TryParse(userIdText, out var own) && own == user.UserId)
            ? user
            : throw RpcErrors.PermissionDenied("A user's token may only name its own user.");
    }
}
