using System.Globalization;

namespace PortfolioTracker.Gateway.Errors;

/// <summary>
/// A gRPC error the gateway gives itself, to a native gRPC caller: a trailers-only response
/// (HTTP 200, <c>grpc-status</c> and <c>grpc-message</c> as headers), which gRPC clients read
/// as the call's status.
/// </summary>
public static class GrpcStatusResponse
{
    public const int ResourceExhausted = 8;

    public static bool IsGrpc(HttpRequest request) =>
        request.ContentType?.StartsWith("application/grpc", StringComparison.Ordinal) == true;

    public static Task WriteAsync(HttpResponse response, int code, string message)
    {
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/grpc";
        response.Headers["grpc-status"] = code.ToString(CultureInfo.InvariantCulture);
        // grpc-message is percent-encoded; the gateway's own messages are plain ASCII.
        response.Headers["grpc-message"] = Uri.EscapeDataString(message);
        return response.CompleteAsync();
    }
}
