using Npgsql;

namespace PortfolioTracker.ServiceDefaults.Data;

/// <summary>
/// Which database failures say "the database was briefly unreachable" rather than "the request
/// was wrong": a connection cut (failover, restart, <c>pg_terminate_backend</c>), a server that
/// refuses connections for now, or a transaction PostgreSQL rolled back to resolve a conflict.
/// </summary>
public static class TransientDatabaseErrors
{
    public static bool IsTransient(Exception exception) => exception switch
    {
        CommitOutcomeUnknownException => true,
        PostgresException postgres => IsTransientState(postgres.SqlState),
        // Socket, I/O and timeout failures (pool exhausted included) carry no server error code.
        NpgsqlException npgsql => npgsql.IsTransient,
        TimeoutException => true,
        _ => false,
    };

    /// <summary>The connection itself is gone, so the rest of the pool is suspect too.</summary>
    public static bool IsConnectionLoss(Exception exception) => exception switch
    {
        PostgresException postgres => postgres.SqlState.StartsWith("08", StringComparison.Ordinal)
            || postgres.SqlState is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown,
        NpgsqlException npgsql => npgsql.IsTransient,
        _ => false,
    };

    private static bool IsTransientState(string sqlState) =>
        sqlState.StartsWith("08", StringComparison.Ordinal) // connection exception
        || sqlState is PostgresErrorCodes.AdminShutdown
            or PostgresErrorCodes.CrashShutdown
            or PostgresErrorCodes.CannotConnectNow
            or PostgresErrorCodes.TooManyConnections
            or PostgresErrorCodes.SerializationFailure
            or PostgresErrorCodes.DeadlockDetected;
}
