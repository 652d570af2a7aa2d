using System.Collections.Concurrent;
using PortfolioTracker.Portfolio.Caching;
using PortfolioTracker.Portfolio.Data;
using PortfolioTracker.Portfolio.Domain.Metrics;
using PortfolioTracker.ServiceDefaults.Data;

namespace PortfolioTracker.Portfolio.Application.Metrics;

/// <summary>
/// A user's current ledger: the copy held in memory when the database's ledger counter still
/// matches it; else the held copy patched with the transactions changed since (read in the same
/// round trip as the counter, so a backdated write costs its own rows, not the whole ledger);
/// else, when the change record cannot list them, a fresh read. Held for the next request.
/// </summary>
public sealed class LedgerSource(LedgerRepository ledgers, LedgerCache cache)
{
    // Whole-ledger reads under way, by user and version (ReadAllOnceAsync); null: it failed.
    private readonly ConcurrentDictionary<(Guid UserId, long Version), Task<UserLedger?>> _fullReads = new();

    /// <summary>The ledger (null when <paramref name="portfolioId"/> is not one of the caller's) and the profile's base currency.</summary>
    public async Task<(UserLedger? Ledger, string BaseCurrency)> ReadAsync(RlsSession session, Guid userId, Guid? portfolioId, CancellationToken ct)
    {
        var previous = cache.Held(userId);
        var read = await ledgers.ReadVersionAsync(session, userId, portfolioId, previous?.Version, ct);
        if (!read.PortfolioFound)
        {
            return (null, read.BaseCurrency);
        }
        if (!cache.TryGet(userId, read.Version, out var held))
        {
            if (previous is not null && read.Changes is { } changes && changes.Version >= read.Version)
            {
                held = previous.Patch(changes.Version, changes.ChangedIds, changes.Rows);
            }
            else
            {
                held = await ReadAllOnceAsync(session, userId, read.Version, ct);
                // The change date holds only when the rows are exactly the version it was asked for.
                if (previous is not null && read.ChangedSince is not null && held.ReadAtVersion == read.Version)
                {
                    held = new UserLedger(held) { PreviousVersion = previous.Version, ChangedFrom = read.ChangedSince };
                }
            }
            cache.Set(userId, held);
        }
        return (held, read.BaseCurrency);
    }

    /// <summary>
    /// The whole ledger at <paramref name="version"/>, read once however many requests of the user
    /// need it at the same time. After a restart, sixteen clients asking for a 100,000-row user's
    /// metrics could each read all of it, side by side; a benchmark run at that moment saw the
    /// gateway's probe of this service time out and 503s from a healthy service. A request that
    /// finds the same version being read waits for that read; one that finds another version, or a
    /// read that failed, reads its own.
    /// </summary>
    private async Task<UserLedger> ReadAllOnceAsync(RlsSession session, Guid userId, long version, CancellationToken ct)
    {
        var mine = new TaskCompletionSource<UserLedger?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var key = (userId, version);
        var running = _fullReads.GetOrAdd(key, mine.Task);
        if (running != mine.Task && await running.WaitAsync(ct) is { } shared)
        {
            return shared;
        }
        try
        {
            var read = await ledgers.ReadAllAsync(session, userId, version, ct);
            mine.TrySetResult(read);
            return read;
        }
        finally
        {
            mine.TrySetResult(null); // failed or cancelled: whoever waited reads for itself
            _fullReads.TryRemove(KeyValuePair.Create(key, mine.Task));
        }
    }

    /// <summary>
    /// A write this service just committed, applied to the held ledger, so the next request finds
    /// the current ledger without reading it (a 10,000-row import is more than the change record
    /// lists, and re-reading a 100,000-row ledger after each file cost seconds beside the next).
    /// Applies only when the held copy is the version right before the write's (before a user's
    /// first write: no copy, an empty ledger); false otherwise, and nothing is changed.
    /// </summary>
    /// <param name="written">The write's rows at the counter it moved the ledger to.</param>
    public bool TryApply(Guid userId, LedgerRepository.LedgerChanges written)
    {
        ArgumentNullException.ThrowIfNull(written);
        var held = cache.Held(userId) ?? (written.Version == 1 ? new UserLedger(0, [], [], []) : null);
        if (held is null || held.Version != written.Version - 1)
        {
            return false;
        }
        cache.Set(userId, held.Patch(written.Version, written.ChangedIds, written.Rows));
        return true;
    }
}
