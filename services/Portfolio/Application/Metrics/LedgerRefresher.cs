using System.Collections.Concurrent;
using PortfolioTracker.ServiceDefaults.Data;

namespace PortfolioTracker.Portfolio.Application.Metrics;

/// <summary>
/// Re-reads a user's ledger in the background after this service changed their transactions,
/// so the summary a client asks for next finds it in memory instead of paying the read. Writes
/// in quick succession (or during a refresh) cost one more refresh, not one each. Only a
/// head start: the metrics path checks the ledger counter itself and reads what is missing.
/// </summary>
public sealed partial class LedgerRefresher(
    RlsDatabase database, LedgerSource ledgers, IHostApplicationLifetime lifetime, ILogger<LedgerRefresher> logger)
{
    // Per user: the latest claims and how many refreshes were asked for; present while one runs.
    private readonly ConcurrentDictionary<Guid, (DbClaims Claims, long Requests)> _pending = new();

    public void Schedule(DbClaims claims, Guid userId)
    {
        var state = _pending.AddOrUpdate(userId, (claims, 1), (_, current) => (claims, current.Requests + 1));
        if (state.Requests == 1)
        {
            // Without the request's context: the refresh is not the request's work, and its
            // database time must not appear in the request's Server-Timing (it overlapped the
            // answer of every import and was counted as the import's own database time).
            using (ExecutionContext.SuppressFlow())
            {
                _ = Task.Run(() => RefreshAsync(userId));
            }
        }
    }

    /// <summary>True when no refresh is pending or running for <paramref name="userId"/>.</summary>
    public bool IsIdle(Guid userId) => !_pending.ContainsKey(userId);

    private async Task RefreshAsync(Guid userId)
    {
        var stopping = lifetime.ApplicationStopping;
        while (_pending.TryGetValue(userId, out var state))
        {
            try
            {
                await database.RunAsync(state.Claims, session => ledgers.ReadAsync(session, userId, null, stopping), stopping);
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !stopping.IsCancellationRequested)
            {
                LogRefreshFailed(logger, exception, userId);
            }
            catch (OperationCanceledException)
            {
                _pending.TryRemove(userId, out _);
                return;
            }
            // Done unless another write asked in the meantime (then its state differs: go again).
            if (_pending.TryRemove(KeyValuePair.Create(userId, state)))
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refreshing the held ledger of {UserId} failed; the next metrics request reads it")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception, Guid userId);
}
