using Google.Rpc;
using Grpc.Core;
using PortfolioTracker.ServiceDefaults.Validation;

namespace PortfolioTracker.ServiceDefaults.Errors;

/// <summary>
/// The errors gRPC adapters answer with, built here so every service words them alike. Each
/// returns the exception for the caller to throw (<c>throw RpcErrors.NotFound(…)</c>), so the
/// compiler sees the flow end without dead <c>return</c>s after it.
/// </summary>
public static class RpcErrors
{
    public static RpcException InvalidArgument(IReadOnlyList<FieldViolation> violations)
    {
        var badRequest = new BadRequest();
        badRequest.FieldViolations.AddRange(violations.Select(v => new BadRequest.Types.FieldViolation
        {
            Field = v.Field,
            Description = v.Description,
        }));
        var status = new Google.Rpc.Status
        {
            Code = (int)Code.InvalidArgument,
            Message = "Invalid request: " + string.Join("; ", violations.Select(v => $"{v.Field}: {v.Description}")),
            Details = { Google.Protobuf.WellKnownTypes.Any.Pack(badRequest) },
        };
        return status.ToRpcException();
    }

    public static RpcException InvalidArgument(string field, string description) =>
        InvalidArgument([new FieldViolation(field, description)]);

    /// <summary>Throws <see cref="InvalidArgument(IReadOnlyList{FieldViolation})"/> when any field was refused.</summary>
    public static void ThrowIfAny(IReadOnlyList<FieldViolation> violations)
    {
        if (violations.Count > 0)
        {
            throw InvalidArgument(violations);
        }
    }

    public static RpcException NotFound(string what) =>
        new(new Grpc.Core.Status(StatusCode.NotFound, $"{what} was not found."));

    public static RpcException Conflict(string message) =>
        new(new Grpc.Core.Status(StatusCode.AlreadyExists, message));

    public static RpcException FailedPrecondition(string message) =>
        new(new Grpc.Core.Status(StatusCode.FailedPrecondition, message));

    public static RpcException ResourceExhausted(string message) =>
        new(new Grpc.Core.Status(StatusCode.ResourceExhausted, message));

    public static RpcException PermissionDenied(string message) =>
        new(new Grpc.Core.Status(StatusCode.PermissionDenied, message));

    /// <summary>
    /// UNAVAILABLE (HTTP 503) for a dependency that is briefly out of reach, with
    /// <c>google.rpc.RetryInfo</c> saying when to try again (the HTTP <c>Retry-After</c> header is
    /// set by whoever holds the response).
    /// </summary>
    public static RpcException Unavailable(string message, TimeSpan retryAfter)
    {
        var status = new Google.Rpc.Status
        {
            Code = (int)Code.Unavailable,
            Message = message,
            Details = { Google.Protobuf.WellKnownTypes.Any.Pack(new RetryInfo { RetryDelay = Google.Protobuf.WellKnownTypes.Duration.FromTimeSpan(retryAfter) }) },
        };
        return status.ToRpcException();
    }
}
