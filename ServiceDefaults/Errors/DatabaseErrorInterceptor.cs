using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.Logging;
using Npgsql;
using PortfolioTracker.ServiceDefaults.Data;

namespace PortfolioTracker.ServiceDefaults.Errors;

/// <summary>
/// Database refusals become the status a client can act on; a database that is briefly out of
/// reach (after <see cref="RlsDatabase"/>'s own retries) becomes UNAVAILABLE with
/// <c>Retry-After</c>; anything unexpected becomes a bare INTERNAL (logged here), never a stack
/// trace on the wire.
/// </summary>
public sealed partial class DatabaseErrorInterceptor(ILogger<DatabaseErrorInterceptor> logger) : Interceptor
{
    /// <summary>Long enough for a restarted or failed-over database to accept connections again.</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(2);

    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context);
        }
        catch (Exception exception) when (exception is not RpcException)
        {
            throw Translate(exception, context);
        }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(request, responseStream, context);
        }
        catch (Exception exception) when (exception is not RpcException)
        {
            throw Translate(exception, context);
        }
    }

    private RpcException Translate(Exception exception, ServerCallContext context)
    {
        if (exception is OperationCanceledException && context.CancellationToken.IsCancellationRequested)
        {
            return new RpcException(new Status(StatusCode.Cancelled, "The call was cancelled."));
        }

        if (TransientDatabaseErrors.IsTransient(exception))
        {
            LogUnavailable(logger, exception, context.Method);
            if (context.GetHttpContext() is { Response.HasStarted: false } http)
            {
                http.Response.Headers.RetryAfter = ((int)RetryAfter.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
            return RpcErrors.Unavailable("The database is unavailable right now; try again shortly.", RetryAfter);
        }

        if (exception is PostgresException postgres)
        {
            var status = postgres.SqlState switch
            {
                PostgresErrorCodes.CheckViolation or PostgresErrorCodes.NotNullViolation
                    or PostgresErrorCodes.InvalidTextRepresentation or PostgresErrorCodes.NumericValueOutOfRange =>
                    new Status(StatusCode.InvalidArgument, $"The database refused the values ({postgres.ConstraintName ?? postgres.SqlState})."),
                PostgresErrorCodes.UniqueViolation =>
                    new Status(StatusCode.AlreadyExists, "A record with the same key already exists."),
                PostgresErrorCodes.ForeignKeyViolation =>
                    new Status(StatusCode.FailedPrecondition, "A referenced record does not exist."),
                PostgresErrorCodes.InsufficientPrivilege =>
                    new Status(StatusCode.PermissionDenied, "Not allowed."),
                _ => (Status?)null,
            };
            if (status is { } known)
            {
                LogRefused(logger, context.Method, postgres.SqlState, postgres.ConstraintName);
                return new RpcException(known);
            }
        }

        LogUnexpected(logger, exception, context.Method);
        return new RpcException(new Status(StatusCode.Internal, "Internal error."));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Method}: database refused the call ({SqlState}, {Constraint})")]
    private static partial void LogRefused(ILogger logger, string method, string sqlState, string? constraint);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Method}: database unavailable, answered UNAVAILABLE")]
    private static partial void LogUnavailable(ILogger logger, Exception exception, string method);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Method} failed unexpectedly")]
    private static partial void LogUnexpected(ILogger logger, Exception exception, string method);
}
