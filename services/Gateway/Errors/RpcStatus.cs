namespace PortfolioTracker.Gateway.Errors;

/// <summary>
/// The API's error body: <c>google.rpc.Status</c> in its proto3 JSON form, the same shape the
/// services' JSON transcoding produces, so clients parse one error format whoever answered.
/// </summary>
public sealed record RpcStatus(int Code, string Message, IReadOnlyList<object> Details)
{
    // google.rpc.Code values the gateway itself answers with.
    public const int InvalidArgument = 3;
    public const int NotFound = 5;
    public const int AlreadyExists = 6;
    public const int PermissionDenied = 7;
    public const int ResourceExhausted = 8;
    public const int Unimplemented = 12;
    public const int Internal = 13;
    public const int Unavailable = 14;
    public const int Unauthenticated = 16;

    public static RpcStatus Of(int code, string message) => new(code, message, []);

    public static RpcStatus BadRequest(string message, IReadOnlyList<FieldViolation> violations) =>
        new(InvalidArgument, message, violations.Count == 0 ? [] : [new BadRequestDetail(violations)]);

    /// <summary>The HTTP status that carries each code (as gRPC JSON transcoding maps them).</summary>
    public static int HttpStatusFor(int code) => code switch
    {
        InvalidArgument => StatusCodes.Status400BadRequest,
        NotFound => StatusCodes.Status404NotFound,
        AlreadyExists => StatusCodes.Status409Conflict,
        PermissionDenied => StatusCodes.Status403Forbidden,
        ResourceExhausted => StatusCodes.Status429TooManyRequests,
        Unimplemented => StatusCodes.Status501NotImplemented,
        Unavailable => StatusCodes.Status503ServiceUnavailable,
        Unauthenticated => StatusCodes.Status401Unauthorized,
        _ => StatusCodes.Status500InternalServerError,
    };

    /// <summary>The code for an HTTP status the framework produced without a body.</summary>
    public static int CodeFor(int httpStatus) => httpStatus switch
    {
        StatusCodes.Status400BadRequest or StatusCodes.Status413PayloadTooLarge or StatusCodes.Status414UriTooLong
            or StatusCodes.Status415UnsupportedMediaType or StatusCodes.Status431RequestHeaderFieldsTooLarge => InvalidArgument,
        StatusCodes.Status401Unauthorized => Unauthenticated,
        StatusCodes.Status403Forbidden => PermissionDenied,
        StatusCodes.Status404NotFound => NotFound,
        StatusCodes.Status405MethodNotAllowed or StatusCodes.Status501NotImplemented => Unimplemented,
        StatusCodes.Status409Conflict => AlreadyExists,
        StatusCodes.Status429TooManyRequests => ResourceExhausted,
        StatusCodes.Status502BadGateway or StatusCodes.Status503ServiceUnavailable
            or StatusCodes.Status504GatewayTimeout => Unavailable,
        _ => Internal,
    };

    /// <summary>For an HTTP error status the framework or the proxy set without a body.</summary>
    public static RpcStatus ForHttpStatus(int httpStatus) => Of(CodeFor(httpStatus), httpStatus switch
    {
        StatusCodes.Status400BadRequest => "The request is malformed.",
        StatusCodes.Status404NotFound => "Not found.",
        StatusCodes.Status405MethodNotAllowed => "Method not allowed.",
        StatusCodes.Status413PayloadTooLarge => "The request body is too large.",
        StatusCodes.Status414UriTooLong => "The request URL is too long.",
        StatusCodes.Status415UnsupportedMediaType => "The request body must be JSON (Content-Type: application/json).",
        StatusCodes.Status431RequestHeaderFieldsTooLarge => "The request headers are too large.",
        StatusCodes.Status502BadGateway or StatusCodes.Status503ServiceUnavailable => "The service is unavailable.",
        StatusCodes.Status504GatewayTimeout => "The service did not answer in time.",
        _ => "The request failed.",
    });

    /// <summary>As an endpoint result, with the HTTP status that matches the code.</summary>
    public IResult ToResult(int? httpStatus = null) =>
        Results.Json(this, statusCode: httpStatus ?? HttpStatusFor(Code));

    public Task WriteAsync(HttpResponse response, int? httpStatus = null)
    {
        response.StatusCode = httpStatus ?? HttpStatusFor(Code);
        return response.WriteAsJsonAsync(this);
    }
}
