using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Polly;
using Polly.Retry;
using PortfolioTracker.ServiceDefaults.Timing;

namespace PortfolioTracker.ServiceDefaults.Data;

/// <summary>
/// The one way services reach Postgres: a pooled connection as <c>authenticator</c>, one
/// transaction per unit of work, the caller's role and claims set with
/// <c>set_config(…, true)</c> so they vanish at commit or rollback. Never a session-level SET.
/// </summary>
/// <remarks>
/// A unit of work that fails transiently before its commit was sent (connection cut, server
/// restarting, serialization conflict) never took effect, so it is run again on a fresh
/// connection: reads and writes alike. A failure during the commit is not retried (the write
/// may have landed); it surfaces as <see cref="CommitOutcomeUnknownException"/>.
/// </remarks>
public sealed partial class RlsDatabase
{
    /// <summary>Attempts after the first; short, so a request still answers within a second or two.</summary>
    public const int MaxRetries = 3;

    private readonly NpgsqlDataSource _dataSource;
    private readonly ResiliencePipeline _retry;

    public RlsDatabase(NpgsqlDataSource dataSource, ILogger<RlsDatabase>? logger = null)
    {
        _dataSource = dataSource;
        var log = (ILogger?)logger ?? NullLogger.Instance;
        _retry = new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(exception =>
                    exception is not CommitOutcomeUnknownException && TransientDatabaseErrors.IsTransient(exception)),
                MaxRetryAttempts = MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                Delay = TimeSpan.FromMilliseconds(50),
                UseJitter = true,
                OnRetry = arguments =>
                {
                    var exception = arguments.Outcome.Exception!;
                    // Every idle connection died with this one (failover, terminated backends):
                    // drop them all rather than meet them one retry at a time.
                    if (TransientDatabaseErrors.IsConnectionLoss(exception))
                    {
                        _dataSource.Clear();
                    }
                    LogRetrying(log, arguments.AttemptNumber + 1, exception.GetType().Name, (exception as PostgresException)?.SqlState);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }

    public async Task<T> RunAsync<T>(DbClaims claims, Func<RlsSession, Task<T>> work, CancellationToken cancellationToken) =>
        await _retry.ExecuteAsync(
            static async (state, token) => await state.Database.RunOnceAsync(state.Claims, state.Work, token),
            (Database: this, Claims: claims, Work: work),
            cancellationToken);

    public Task RunAsync(DbClaims claims, Func<RlsSession, Task> work, CancellationToken cancellationToken) =>
        RunAsync(claims, async session =>
        {
            await work(session);
            return true;
        }, cancellationToken);

    private async Task<T> RunOnceAsync<T>(DbClaims claims, Func<RlsSession, Task<T>> work, CancellationToken cancellationToken)
    {
        // The whole unit of work (connection, statements, what runs between them, commit) for Server-Timing.
        using var timed = RequestTimer.Measure("db");
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var result = await work(new RlsSession(connection, transaction, claims));
        try
        {
            await transaction.CommitAsync(cancellationToken);
        }
        catch (Exception exception) when (TransientDatabaseErrors.IsConnectionLoss(exception))
        {
            throw new CommitOutcomeUnknownException(exception);
        }
        return result;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Database unit of work failed transiently ({Error}, {SqlState}); attempt {Attempt} on a fresh connection")]
    private static partial void LogRetrying(ILogger logger, int attempt, string error, string? sqlState);
}
