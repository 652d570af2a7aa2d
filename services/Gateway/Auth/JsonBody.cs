using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;

namespace PortfolioTracker.Gateway.Auth;

/// <summary>
/// Reads a JSON request body so that every way it can be wrong (not JSON, wrong types, empty,
/// too large) is answered with a 400 <c>google.rpc.Status</c> rather than the framework's
/// bare 400 or, in Development, an exception page.
/// </summary>
public static class JsonBody
{
    public static async Task<(T? Value, IResult? Error)> ReadAsync<T>(HttpRequest request, CancellationToken cancellationToken)
        where T : class
    {
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
        catch (BadHttpRequestException exception)
        {
            return (null, RpcStatus.ForHttpStatus(exception.StatusCode).ToResult(exception.StatusCode));
        }
    }
}
