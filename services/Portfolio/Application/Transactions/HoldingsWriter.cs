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

    /// <summary>The positions an insert touches as they were stored before it, read under their locks.</summary>
    public sealed class StoredLedgers
    {
        internal StoredLedgers(Dictionary<(Guid PortfolioId, string Symbol), List<(LedgerLine Line, DateTime CreatedAt)>> lines) => Lines = lines;

        internal Dictionary<(Guid PortfolioId, string Symbol), List<(LedgerLine Line, DateTime CreatedAt)>> Lines { get; }
    }

    /// <summary>Locks the positions a change will touch, in a fixed order so concurrent changes cannot deadlock.</summary>
    public Task LockAsync(RlsSession session, IEnumerable<Key> keys, CancellationToken ct) =>
        holdings.LockAsync(session,
            [.. keys.Distinct().OrderBy(k => k.PortfolioId).ThenBy(k => k.Symbol, StringComparer.Ordinal).Select(k => (k.PortfolioId, k.Symbol))],
            ct);

    /// <summary>Recomputes the positions from what is stored; returns the first problem found (then nothing is saved).</summary>
    public async Task<LedgerProblem?> RefreshAsync(RlsSession session, Guid userId, IEnumerable<Key> keys, CancellationToken ct)
    {
        List<(Guid PortfolioId, string Symbol)> positions = [.. keys.Distinct().Select(k => (k.PortfolioId, k.Symbol))];
        return await ReplayAndSaveAsync(session, userId, positions, await holdings.LedgersAsync(session, userId, positions, ct), ct);
    }

    /// <summary>
    /// Reads the positions an insert will touch before it (call after <see cref="LockAsync"/>, so
    /// nothing else changes them until the commit). <see cref="RefreshAfterInsertAsync"/> then adds
    /// the inserted rows as the insert returned them instead of reading them back: an import of
    /// 10,000 rows into a new account reads nothing here.
    /// </summary>
    public async Task<StoredLedgers> ReadBeforeInsertAsync(RlsSession session, Guid userId, IEnumerable<Key> keys, CancellationToken ct) =>
        new(await holdings.StoredLinesAsync(session, userId, [.. keys.Distinct().Select(k => (k.PortfolioId, k.Symbol))], ct));

    /// <summary>
    /// Recomputes the positions from <paramref name="before"/> and the rows just inserted (the same
    /// lines, recording times and order a read after the insert would give); returns the first problem
    /// found (then nothing is saved).
    /// </summary>
    public async Task<LedgerProblem?> RefreshAfterInsertAsync(
        RlsSession session, Guid userId, StoredLedgers before, IReadOnlyList<TransactionRow> inserted, CancellationToken ct) =>
        await ReplayAndSaveAsync(session, userId, [.. before.Lines.Keys], WithInserted(before, inserted), ct);

    /// <summary>Each position's ledger in replay order: the lines stored before, and the inserted rows added.</summary>
    internal static IReadOnlyDictionary<(Guid PortfolioId, string Symbol), List<LedgerLine>> WithInserted(
        StoredLedgers before, IReadOnlyList<TransactionRow> inserted)
    {
        foreach (var row in inserted)
        {
            TransactionTypes.TryParse(row.TransactionType, out var type);
            before.Lines[(row.PortfolioId, row.Symbol)].Add(
                (new LedgerLine(row.Id, type, row.Date, row.Quantity, row.Price, row.Currency), row.CreatedAt));
        }
        return HoldingRepository.InReplayOrder(before.Lines);
    }

    /// <summary>Each position replayed; the first problem found instead, if any.</summary>
    internal static (List<((Guid, string), ReplayedHolding?)> Replayed, LedgerProblem? Problem) Replay(
        List<(Guid PortfolioId, string Symbol)> positions, IReadOnlyDictionary<(Guid PortfolioId, string Symbol), List<LedgerLine>> ledgers)
    {
        var replayed = new List<((Guid, string), ReplayedHolding?)>(positions.Count);
        foreach (var position in positions)
        {
            var (result, problem) = PositionReplay.Replay(ledgers[position]);
            if (problem is not null)
            {
                return (replayed, problem);
            }
            replayed.Add((position, result));
        }
        return (replayed, null);
    }

    private async Task<LedgerProblem?> ReplayAndSaveAsync(
        RlsSession session, Guid userId, List<(Guid PortfolioId, string Symbol)> positions,
        IReadOnlyDictionary<(Guid PortfolioId, string Symbol), List<LedgerLine>> ledgers, CancellationToken ct)
    {
        var (replayed, problem) = Replay(positions, ledgers);
        if (problem is not null)
        {
            return problem;
        }
        await holdings.SaveAsync(session, userId, replayed, ct);
        return null;
    }
}
