using System.Diagnostics.CodeAnalysis;
using Google.Rpc;
using Grpc.Core;

namespace PortfolioTracker.ServiceDefaults.Errors;

/// <summary>Throw helpers so gRPC adapters stay one line per failure.</summary>
public static class RpcErrors
{
    [DoesNotReturn]
    public static void InvalidArgument(IReadOnlyList<FieldViolation> violations)
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
        throw status.ToRpcException();
    }

    [DoesNotReturn]
    public static void InvalidArgument(string field, string description) =>
        InvalidArgument([new FieldViolation(field, description)]);

    [DoesNotReturn]
    public static void NotFound(string what) =>
        throw new RpcException(new Grpc.Core.Status(StatusCode.NotFound, $"{what} was not found."));

    [DoesNotReturn]
    public static void Conflict(string message) =>
        throw new RpcException(new Grpc.Core.Status(StatusCode.AlreadyExists, message));

    [DoesNotReturn]
    public static void FailedPrecondition(string message) =>
        throw new RpcException(new Grpc.Core.Status(StatusCode.FailedPrecondition, message));

    [DoesNotReturn]
    public static void PermissionDenied(string message) =>
        throw new RpcException(new Grpc.Core.Status(StatusCode.PermissionDenied, message));
}

/// <summary>One invalid field of a request and why, as <c>google.rpc.BadRequest</c> reports it.</summary>
public sealed record FieldViolation(string Field, string Description);
