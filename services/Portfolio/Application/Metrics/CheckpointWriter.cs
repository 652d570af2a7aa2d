using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Options;
using PortfolioTracker.Portfolio.Data;
using PortfolioTracker.Portfolio.Domain.Metrics;
using PortfolioTracker.ServiceDefaults.Data;

namespace PortfolioTracker.Portfolio.Application.Metrics;

/// <summary>
/// Persists a user's recomputed metrics state as checkpoints (<see cref="LedgerCheckpointRepository"/>)
/// in the background, off the request path, so the next cold start (a restarted or another
/// replica) answers a summary without reading the whole ledger. A state is written once it has
/// stayed the latest for <see cref="MetricsOptions.CheckpointsAfterQuiet"/>: a burst of
/// recomputations costs one write with the latest state (each write is about 35 ms of CPU for a
/// 100,000-row ledger, plus the database's, beside the requests that follow). A state whose
/// checkpoints were already written is skipped. A graceful stop writes what is waiting at once
/// and finishes the writes (<see cref="DrainAsync"/>, <see cref="MetricsWritesDrain"/>): a restart
/// or a deploy keeps the state the service last computed.
/// </summary>
public sealed partial class CheckpointWriter(
    RlsDatabase database, LedgerCheckpointRepository checkpoints, IOptions<MetricsOptions> options, ILogger<CheckpointWriter> logger)
{
    // A state that keeps changing is still written at least this many quiet periods after it was scheduled.
    private const int LongestWaitInQuietPeriods = 10;

    /// <summary>
    /// How many checkpoints are kept per user and base currency (the last among them). A cold summary
    /// as of a past day reads and applies the entries between the checkpoint before it and that day:
    /// up to a 64th of the ledger (16 checkpoints left a 100,000-row ledger's cold read up to 6,300
    /// rows, 60-80 ms of database time against 14-26 ms right at a checkpoint). With the market facts
    /// stored once (<see cref="LedgerCheckpointRepository.ReplaceAsync"/>) a checkpoint costs its book:
    /// about 130 bytes per position.
    /// </summary>
    public const int Kept = 64;

    private readonly ConcurrentDictionary<(Guid User, string Currency), Pending> _pending = new();
    private readonly ConcurrentDictionary<(Guid User, string Currency), (long Version, DateOnly? Last)> _written = new();
    private readonly ConcurrentDictionary<Task, byte> _running = new();

    // Cancelled only when a drain runs out of time: a stop alone lets the writes finish.
    private readonly CancellationTokenSource _abandon = new();

    // Cancelled when a drain begins: the writes waiting for a quiet period go at once.
    private readonly CancellationTokenSource _writeNow = new();

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
            var writing = Task.Run(() => WriteAsync(key));
            _running.TryAdd(writing, 0);
            _ = writing.ContinueWith(done => _running.TryRemove(done, out _), TaskScheduler.Default);
        }
        else
        {
            _pending[key] = pending; // the running writer picks it up next
        }
    }

    /// <summary>True when nothing is pending or being written for <paramref name="userId"/>.</summary>
    public bool IsIdle(Guid userId) => !_pending.Keys.Any(k => k.User == userId);

    /// <summary>
    /// Waits until every pending write is done, at most <paramref name="limit"/>; what is still
    /// running then is cancelled. Returns how many users' writes were cut (0 when all finished).
    /// </summary>
    public async Task<int> DrainAsync(TimeSpan limit)
    {
        using var deadline = new CancellationTokenSource(limit);
        await _writeNow.CancelAsync();
        try
        {
            // Writes scheduled while waiting (a request that ended during the stop) are waited for too.
            while (!_running.IsEmpty)
            {
                await Task.WhenAll(_running.Keys).WaitAsync(deadline.Token);
            }
            return 0;
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            var cut = _pending.Keys.Select(k => k.User).Distinct().Count();
            await _abandon.CancelAsync();
            return cut;
        }
    }

    private async Task WriteAsync((Guid User, string Currency) key)
    {
        var abandon = _abandon.Token;
        while (_pending.TryGetValue(key, out var pending))
        {
            pending = await LatestAfterQuietAsync(key, pending);
            try
            {
                var durable = pending.State.Durable(Kept);
                await database.RunAsync(pending.Claims,
                    session => checkpoints.ReplaceAsync(session, key.User, key.Currency, pending.Version, durable, abandon), abandon);
                _written[key] = (pending.Version, pending.State.LastCheckpointDay);
            }
            catch (OperationCanceledException) when (abandon.IsCancellationRequested)
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

    /// <summary>
    /// The user's pending state once none newer has been scheduled for a quiet period (or after the
    /// longest wait, or at once when a drain began).
    /// </summary>
    private async Task<Pending> LatestAfterQuietAsync((Guid User, string Currency) key, Pending pending)
    {
        var quiet = options.Value.CheckpointsAfterQuiet;
        var waitedSince = Stopwatch.GetTimestamp();
        while (quiet > TimeSpan.Zero && !_writeNow.IsCancellationRequested)
        {
            await Task.Delay(quiet, _writeNow.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            var latest = _pending.GetValueOrDefault(key) ?? pending;
            if (ReferenceEquals(latest, pending) || Stopwatch.GetElapsedTime(waitedSince) >= quiet * LongestWaitInQuietPeriods)
            {
                return latest;
            }
            pending = latest;
        }
        return _pending.GetValueOrDefault(key) ?? pending;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Persisting the metrics checkpoints of {UserId} failed; a cold start reads the ledger instead")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception, Guid userId);
}
