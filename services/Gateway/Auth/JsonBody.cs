using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;

namespace PortfolioTracker.Gateway.Auth;

/// <summary>
/// Reads a JSON request body so that every way it can be wrong (another media type, not JSON,
/// not UTF-8, wrong types, empty, too large) is answered with a <c>google.rpc.Status</c> rather
/// than the framework's bare status or, in Development, an exception page.
/// </summary>
public static class JsonBody
{
    public static async Task<(T? Value, IResult? Error)> ReadAsync<T>(HttpRequest request, CancellationToken cancellationToken)
        where T : class
    {
        // Only JSON: a form or text/plain body is what a cross-site form post can send without
        // a CORS preflight.
        if (!request.HasJsonContentType())
        {
            return (null, RpcStatus.ForHttpStatus(StatusCodes.Status415UnsupportedMediaType).ToResult(StatusCodes.Status415UnsupportedMediaType));
        }

        var options = request.HttpContext.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        try
        {
            var value = await JsonSerializer.DeserializeAsync<T>(request.Body, options, cancellationToken);
            return value is null
                ? (null, RpcStatus.Of(RpcStatus.InvalidArgument, "The request body must be a JSON object.").ToResult())
                : (value, null);
        }
        catch (JsonException exception)
        {
            // The path ("$.email") names the offending field when there is one.
            var field = exception.Path is { Length: > 2 } path && path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : null;
            IReadOnlyList<FieldViolation> violations = field is null ? [] : [new FieldViolation(field, "The value is malformed or has the wrong type.")];
            return (null, RpcStatus.BadRequest("The request body is not valid JSON for this request.", violations).ToResult());
        }
        catch (InvalidOperationException)
        {
            // Bytes that are not UTF-8, or escapes that are not UTF-16 (a lone surrogate).
            return (null, RpcStatus.Of(RpcStatus.InvalidArgument, "The request body is not valid UTF-8 JSON.").ToResult());
        }
        catch (BadHttpRequestException exception)
        {
            return (null, RpcStatus.ForHttpStatus(exception.StatusCode).ToResult(exception.StatusCode));
        }
    }
}
