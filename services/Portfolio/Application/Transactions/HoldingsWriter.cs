using PortfolioTracker.Portfolio.Data;
using PortfolioTracker.Portfolio.Domain.Holdings;
using PortfolioTracker.ServiceDefaults.Data;

namespace PortfolioTracker.Portfolio.Application.Transactions;

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
    public Task LockAsync(RlsSession session, IEnumerable<Key> keys, CancellationToken ct) =>
        holdings.LockAsync(session,
            [.. keys.Distinct().OrderBy(k => k.PortfolioId).ThenBy(k => k.Symbol, StringComparer.Ordinal).Select(k => (k.PortfolioId, k.Symbol))],
            ct);

    /// <summary>Recomputes the positions; returns the first problem found (then nothing is saved).</summary>
    public async Task<LedgerProblem?> RefreshAsync(RlsSession session, Guid userId, IEnumerable<Key> keys, CancellationToken ct)
    {
        List<(Guid PortfolioId, string Symbol)> positions = [.. keys.Distinct().Select(k => (k.PortfolioId, k.Symbol))];
        var ledgers = await holdings.LedgersAsync(session, userId, positions, ct);
        var replayed = new List<((Guid, string), ReplayedHolding?)>(positions.Count);
        foreach (var position in positions)
        {
            var (result, problem) = PositionReplay.Replay(ledgers[position]);
            if (problem is not null)
            {
                return problem;
            }
            replayed.Add((position, result));
        }
        await holdings.SaveAsync(session, userId, replayed, ct);
        return null;
    }
}
