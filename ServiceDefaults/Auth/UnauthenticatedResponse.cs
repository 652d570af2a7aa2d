using Microsoft.AspNetCore.Authentication.JwtBearer;

namespace PortfolioTracker.ServiceDefaults.Auth;

/// <summary>
/// A 401 in the API's error shape (<c>google.rpc.Status</c>, code 16). Native gRPC callers
/// get the bare 401, which their client maps to <c>Unauthenticated</c>.
/// </summary>
internal static class UnauthenticatedResponse
{
    public static async Task WriteAsync(JwtBearerChallengeContext context)
    {
        context.HandleResponse();
        var response = context.Response;
        response.StatusCode = StatusCodes.Status401Unauthorized;
        response.Headers.WWWAuthenticate = "Bearer";
        if (context.Request.ContentType?.StartsWith("application/grpc", StringComparison.Ordinal) == true)
        {
            return;
        }

        response.ContentType = "application/json";
        var message = context.AuthenticateFailure is null && string.IsNullOrEmpty(context.Request.Headers.Authorization)
            ? "A bearer token is required."
            : "The bearer token is invalid or expired.";
        await response.WriteAsJsonAsync(new { code = 16, message, details = Array.Empty<object>() });
    }
}
