using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using PortfolioTracker.Portfolio.Domain.Metrics;

namespace PortfolioTracker.Portfolio.Caching;

/// <summary>
/// Users' full ledgers in process memory, so a metrics request whose result is not cached
/// re-runs the engine without decoding thousands of rows again. A copy is used only while
/// the database's ledger counter (<c>public.ledger_version()</c>, moved by a trigger on every
/// change to the user's transactions) still equals the version it was read at: the check is
/// part of every request, so replicas never serve each other's stale copies and nothing here
/// has to be told about writes.
/// </summary>
public sealed class LedgerCache : IDisposable
{
    private readonly MemoryCache _ledgers;
    private readonly TimeSpan _idle;

    public LedgerCache(IOptions<InMemoryOptions> options)
    {
        _ledgers = new MemoryCache(new MemoryCacheOptions { SizeLimit = options.Value.LedgerEntries });
        _idle = options.Value.LedgerIdle;
    }

    public bool TryGet(Guid userId, long version, out UserLedger ledger)
    {
        if (_ledgers.TryGetValue(userId, out UserLedger? cached) && cached!.Version == version)
        {
            ledger = cached;
            return true;
        }
        ledger = null!;
        return false;
    }

    /// <summary>The ledger held for <paramref name="userId"/> whatever its version (to patch it), if any.</summary>
    public UserLedger? Held(Guid userId) => _ledgers.TryGetValue(userId, out UserLedger? cached) ? cached : null;

    public void Set(Guid userId, UserLedger ledger)
    {
        // Size is the number of transactions (at least 1, so empty ledgers count too).
        _ledgers.Set(userId, ledger, new MemoryCacheEntryOptions { Size = Math.Max(1, ledger.Count), SlidingExpiration = _idle });
    }

    /// <summary>Drops the copy held for <paramref name="userId"/>: the next request finds what a restarted replica would.</summary>
    public void Remove(Guid userId) => _ledgers.Remove(userId);

    public void Dispose() => _ledgers.Dispose();
}
