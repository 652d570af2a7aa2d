using Grpc.AspNetCore.Server;
using Microsoft.AspNetCore.Grpc.JsonTranscoding;

namespace PortfolioTracker.ServiceDefaults.Errors;

/// <summary>
/// A native gRPC request whose bytes are not the method's message fails while the framework
/// reads it, before any handler or interceptor runs, and the framework answers it as
/// <c>UNKNOWN</c> "Exception was thrown by handler." — the wrong code, in the framework's words.
/// Such an answer, given before the handler was reached (<see cref="HandlerReached"/>), is
/// rewritten as it starts into <c>INVALID_ARGUMENT</c> naming the message that was expected.
/// Answers the handler gave pass through untouched.
/// </summary>
public sealed class UndecodableMessageMiddleware(RequestDelegate next)
{
    private const string Unknown = "2";
    private const string InvalidArgument = "3";

    public Task InvokeAsync(HttpContext context)
    {
        var endpoint = context.GetEndpoint();
        if (endpoint?.Metadata.GetMetadata<GrpcMethodMetadata>() is not { } grpc
            || endpoint.Metadata.GetMetadata<GrpcJsonTranscodingMetadata>() is not null)
        {
            return next(context);
        }

        var response = context.Response;
        response.OnStarting(() =>
        {
            // A request the framework could not read ends with no message sent, so its status
            // travels in the headers (a trailers-only response) and can still be changed here.
            if (!HandlerReached.For(context) && response.Headers["grpc-status"] == Unknown)
            {
                response.Headers["grpc-status"] = InvalidArgument;
                response.Headers["grpc-message"] = Uri.EscapeDataString(
                    $"The request message could not be read as the input of {grpc.Method.ServiceName.Split('.')[^1]}.{grpc.Method.Name}.");
            }
            return Task.CompletedTask;
        });
        return next(context);
    }
}
