using PortfolioTracker.Portfolio.Caching;
using PortfolioTracker.Portfolio.Data;
using PortfolioTracker.Portfolio.Domain.Metrics;
using PortfolioTracker.ServiceDefaults.Data;

namespace PortfolioTracker.Portfolio.Application.Metrics;

/// <summary>
/// A user's current ledger: the copy held in memory when the database's ledger counter still
/// matches it, else a fresh read (then held for the next request).
/// </summary>
public sealed class LedgerSource(LedgerRepository ledgers, LedgerCache cache)
{
    /// <summary>The ledger (null when <paramref name="portfolioId"/> is not one of the caller's) and the profile's base currency.</summary>
    public async Task<(UserLedger? Ledger, string BaseCurrency)> ReadAsync(RlsSession session, Guid userId, Guid? portfolioId, CancellationToken ct)
    {
        var previous = cache.HeldVersion(userId);
        var (version, currency, portfolioFound, changedSince) = await ledgers.ReadVersionAsync(session, userId, portfolioId, previous, ct);
        if (!portfolioFound)
        {
            return (null, currency);
        }
        if (!cache.TryGet(userId, version, out var held))
        {
            held = await ledgers.ReadAllAsync(session, userId, version, ct);
            // The change date holds only when the rows are exactly the version it was asked for.
            if (previous is not null && changedSince is not null && held.ReadAtVersion == version)
            {
                held = new UserLedger(held) { PreviousVersion = previous, ChangedFrom = changedSince };
            }
            cache.Set(userId, held);
        }
        return (held, currency);
    }
}
