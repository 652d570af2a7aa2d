using System.Collections.Concurrent;

namespace PortfolioTracker.Portfolio.Caching;

/// <summary>
/// Writes that run after the answer has been sent (a computed result's record and cache entry),
/// each tagged with its user. Whoever must see them done waits for them: an invalidation for its
/// user's or for every pending write, a graceful stop for all of them within a limit
/// (<see cref="DrainAsync"/>). Only a drain that runs out of time cancels them.
/// </summary>
public sealed class PendingStores
{
    private readonly ConcurrentDictionary<Task, Guid> _running = new();

    // Cancelled only when a drain runs out of time: a stop alone lets the writes finish.
    private readonly CancellationTokenSource _abandon = new();

    /// <summary>Starts <paramref name="store"/> off the caller's path; it must handle its own errors.</summary>
    public void Start(Guid userId, Func<CancellationToken, Task> store)
    {
        // Registered before it can finish, so a waiter never misses it and it never outlives its entry.
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _running.TryAdd(done.Task, userId);
        // Without the request's context: the store is not the request's work, and its database time
        // must not appear in the request's Server-Timing.
        using (ExecutionContext.SuppressFlow())
        {
            _ = Task.Run(async () =>
            {
                try
                {
                    await store(_abandon.Token);
                }
                finally
                {
                    _running.TryRemove(done.Task, out _);
                    done.SetResult();
                }
            });
        }
    }

    /// <summary>Completes when every write of <paramref name="userId"/> started so far is done.</summary>
    public Task ForUserAsync(Guid userId) =>
        Task.WhenAll(_running.Where(running => running.Value == userId).Select(running => running.Key));

    /// <summary>Completes when every write started so far is done.</summary>
    public Task AllAsync() => Task.WhenAll(_running.Keys);

    /// <summary>
    /// Waits until no write is running, at most <paramref name="limit"/>, then cancels what still
    /// runs. Returns how many users' writes were cut (0 when all finished).
    /// </summary>
    public async Task<int> DrainAsync(TimeSpan limit)
    {
        using var deadline = new CancellationTokenSource(limit);
        try
        {
            // Writes started while waiting (a request that ended during the stop) are waited for too.
            while (!_running.IsEmpty)
            {
                await AllAsync().WaitAsync(deadline.Token);
            }
            return 0;
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            var cut = _running.Values.Distinct().Count();
            await _abandon.CancelAsync();
            return cut;
        }
    }
}
