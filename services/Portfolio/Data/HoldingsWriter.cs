using PortfolioTracker.Portfolio.Domain.Holdings;
using PortfolioTracker.ServiceDefaults.Data;

namespace PortfolioTracker.Portfolio.Data;

/// <summary>
/// Keeps <c>holdings</c> equal to what the transactions add up to, inside the same database
/// transaction as the change: lock the position, replay its ledger, store the result. A
/// ledger that cannot stand (selling more than held) is reported and the caller's whole
/// transaction rolls back, so nothing is half-written.
/// </summary>
public sealed class HoldingsWriter(HoldingRepository holdings)
{
    public sealed record Key(Guid PortfolioId, string Symbol);

    /// <summary>Locks the positions a change will touch, in a fixed order so concurrent changes cannot deadlock.</summary>
    public async Task LockAsync(RlsSession session, IEnumerable<Key> keys, CancellationToken ct)
    {
        foreach (var key in keys.Distinct().OrderBy(k => k.PortfolioId).ThenBy(k => k.Symbol, StringComparer.Ordinal))
        {
            await holdings.LockAsync(session, key.PortfolioId, key.Symbol, ct);
        }
    }

    /// <summary>Recomputes the positions; returns the first problem found (nothing is saved past it).</summary>
    public async Task<LedgerProblem?> RefreshAsync(RlsSession session, Guid userId, IEnumerable<Key> keys, CancellationToken ct)
    {
        foreach (var key in keys.Distinct())
        {
            var ledger = await holdings.LedgerAsync(session, userId, key.PortfolioId, key.Symbol, ct);
            var (position, problem) = PositionReplay.Replay(ledger);
            if (problem is not null)
            {
                return problem;
            }
            await holdings.SaveAsync(session, userId, key.PortfolioId, key.Symbol, position, ct);
        }
        return null;
    }
}
