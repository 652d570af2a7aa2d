using System.Collections.Concurrent;
using PortfolioTracker.Portfolio.Data;
using PortfolioTracker.Portfolio.Domain.Metrics;
using PortfolioTracker.ServiceDefaults.Data;

namespace PortfolioTracker.Portfolio.Application.Metrics;

/// <summary>
/// Persists a user's recomputed metrics state as checkpoints (<see cref="LedgerCheckpointRepository"/>)
/// in the background, off the request path, so the next cold start (a restarted or another
/// replica) answers a summary without reading the whole ledger. A burst of recomputations costs
/// one write with the latest state; a state whose checkpoints were already written is skipped.
/// </summary>
public sealed partial class CheckpointWriter(
    RlsDatabase database, LedgerCheckpointRepository checkpoints, IHostApplicationLifetime lifetime, ILogger<CheckpointWriter> logger)
{
    /// <summary>How many checkpoints are kept per user and base currency (the last among them).</summary>
    public const int Kept = 16;

    private readonly ConcurrentDictionary<(Guid User, string Currency), Pending> _pending = new();
    private readonly ConcurrentDictionary<(Guid User, string Currency), (long Version, DateOnly? Last)> _written = new();

    private sealed record Pending(DbClaims Claims, LedgerState State, long Version);

    /// <summary>Writes <paramref name="state"/> (of the user's whole ledger at <paramref name="version"/>) soon, unless already written.</summary>
    public void Schedule(DbClaims claims, Guid userId, LedgerState state, long version)
    {
        ArgumentNullException.ThrowIfNull(state);
        var key = (userId, state.BaseCurrency);
        if (state.LastCheckpointDay is null
            || (_written.TryGetValue(key, out var written) && written == (version, state.LastCheckpointDay)))
        {
            return;
        }
        var pending = new Pending(claims, state, version);
        if (_pending.TryAdd(key, pending))
        {
            _ = Task.Run(() => WriteAsync(key));
        }
        else
        {
            _pending[key] = pending; // the running writer picks it up next
        }
    }

    /// <summary>True when nothing is pending or being written for <paramref name="userId"/>.</summary>
    public bool IsIdle(Guid userId) => !_pending.Keys.Any(k => k.User == userId);

    private async Task WriteAsync((Guid User, string Currency) key)
    {
        var stopping = lifetime.ApplicationStopping;
        while (_pending.TryGetValue(key, out var pending))
        {
            try
            {
                var durable = pending.State.Durable(Kept);
                await database.RunAsync(pending.Claims,
                    session => checkpoints.ReplaceAsync(session, key.User, key.Currency, pending.Version, durable, stopping), stopping);
                _written[key] = (pending.Version, pending.State.LastCheckpointDay);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                _pending.TryRemove(key, out _);
                return;
            }
            catch (Exception exception)
            {
                LogWriteFailed(logger, exception, key.User);
            }
            // Done unless a newer state arrived meanwhile.
            if (_pending.TryRemove(KeyValuePair.Create(key, pending)))
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Persisting the metrics checkpoints of {UserId} failed; a cold start reads the ledger instead")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception, Guid userId);
}
