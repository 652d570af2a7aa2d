using PortfolioTracker.Portfolio.Data;
using PortfolioTracker.ServiceDefaults.Data;

namespace PortfolioTracker.Portfolio.Application.Transactions;

/// <summary>
/// Every change to transactions, each in one database transaction with the holdings it
/// affects: lock the positions, write, replay, and roll back everything if a position no
/// longer adds up. After a commit, <see cref="UserDataChanged"/> runs its after-write effects.
/// </summary>
public sealed class TransactionWriter(
    RlsDatabase database, PortfolioRepository portfolios, TransactionRepository transactions, HoldingsWriter holdings,
    LedgerRepository ledgers, UserDataChanged userDataChanged)
{
    public Task<WriteResult> CreateAsync(DbClaims claims, Guid userId, IReadOnlyList<NewTransaction> rows, CancellationToken ct) =>
        RunAsync(claims, async session =>
        {
            var defaultPortfolio = rows.Any(r => r.PortfolioId is null)
                ? await portfolios.EnsureDefaultAsync(session, userId, ct)
                : Guid.Empty;
            foreach (var requested in rows.Select(r => r.PortfolioId).OfType<Guid>().Distinct())
            {
                if (!await portfolios.ExistsAsync(session, userId, requested, ct))
                {
                    return new WriteResult([], null, BadPortfolio: requested.ToString());
                }
            }
            var placed = rows.Select(r => (r.PortfolioId ?? defaultPortfolio, r)).ToList();
            var keys = placed.Select(p => new HoldingsWriter.Key(p.Item1, p.r.Symbol)).ToList();
            await holdings.LockAsync(session, keys, ct);
            var before = await holdings.ReadBeforeInsertAsync(session, userId, keys, ct);
            var stored = await transactions.InsertManyAsync(session, userId, placed, ct);
            return new WriteResult(stored, await holdings.RefreshAfterInsertAsync(session, userId, before, stored, ct));
        }, ct);

    public Task<WriteResult> UpdateAsync(DbClaims claims, Guid userId, Guid id, Func<TransactionRow, ValidationResult<NewTransaction>> change, CancellationToken ct) =>
        RunAsync(claims, async session =>
        {
            var before = await transactions.GetAsync(session, userId, id, ct);
            if (before is null)
            {
                return WriteResult.Missing;
            }
            var validation = change(before);
            if (!validation.IsValid)
            {
                throw new TransactionValidationException(validation.Errors);
            }
            var after = validation.Value!;
            var portfolioId = after.PortfolioId ?? before.PortfolioId;
            if (portfolioId != before.PortfolioId && !await portfolios.ExistsAsync(session, userId, portfolioId, ct))
            {
                return new WriteResult([], null, BadPortfolio: portfolioId.ToString());
            }
            HoldingsWriter.Key[] keys = [new(before.PortfolioId, before.Symbol), new(portfolioId, after.Symbol)];
            await holdings.LockAsync(session, keys, ct);
            var updated = await transactions.UpdateAsync(session, userId, id, portfolioId, after, ct);
            return updated is null ? WriteResult.Missing : new WriteResult([updated], await holdings.RefreshAsync(session, userId, keys, ct));
        }, ct);

    public Task<WriteResult> DeleteAsync(DbClaims claims, Guid userId, Guid id, CancellationToken ct) =>
        RunAsync(claims, async session =>
        {
            var existing = await transactions.GetAsync(session, userId, id, ct);
            if (existing is null)
            {
                return WriteResult.Missing;
            }
            HoldingsWriter.Key[] keys = [new(existing.PortfolioId, existing.Symbol)];
            await holdings.LockAsync(session, keys, ct);
            var deleted = await transactions.DeleteAsync(session, userId, id, ct);
            return deleted is null ? WriteResult.Missing : new WriteResult([deleted], await holdings.RefreshAsync(session, userId, keys, ct));
        }, ct, removes: true);

    /// <summary>
    /// Commits only a result without a problem (otherwise rolls back by throwing past RunAsync);
    /// after a commit, the user's data changed, by the result's rows (removed ones when
    /// <paramref name="removes"/>) at the ledger counter the write moved to.
    /// </summary>
    private async Task<WriteResult> RunAsync(DbClaims claims, Func<RlsSession, Task<WriteResult>> work, CancellationToken ct, bool removes = false)
    {
        try
        {
            var (committed, version) = await database.RunAsync(claims, async session =>
            {
                var result = await work(session);
                return result.Problem is not null || result.NotFound || result.BadPortfolio is not null
                    ? throw new RolledBack(result)
                    : (result, await ledgers.CurrentVersionAsync(session, ct));
            }, ct);
            if (claims.UserId is { } userId)
            {
                var written = new LedgerRepository.LedgerChanges(version, committed.Rows.Select(r => r.Id).ToHashSet(),
                    removes ? [] : [.. committed.Rows.Select(LedgerRows.From)]);
                await userDataChanged.AfterWriteAsync(claims, userId, "transactions changed", ct, written);
            }
            return committed;
        }
        catch (RolledBack rolledBack)
        {
            return rolledBack.Result;
        }
    }

    private sealed class RolledBack(WriteResult result) : Exception
    {
        public WriteResult Result { get; } = result;
    }
}
