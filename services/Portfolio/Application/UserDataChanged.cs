using PortfolioTracker.Portfolio.Application.Metrics;
using PortfolioTracker.Portfolio.Caching;
using PortfolioTracker.Portfolio.Data;
using PortfolioTracker.ServiceDefaults.Data;

namespace PortfolioTracker.Portfolio.Application;

/// <summary>
/// The one step every write ends with once it has committed a change to what the user's metrics
/// read (transactions, portfolios, the profile's base currency): figures cached before the change
/// are retired, and the held ledger is brought up to date so the next request finds it in memory:
/// with the write's own rows when the writer hands them over, else re-read ahead in the background.
/// Every writer calls <see cref="AfterWriteAsync"/>, so an effect added here (re-syncing
/// dividends, say) reaches every writer and none can forget one.
/// </summary>
public sealed class UserDataChanged(MetricsCache metrics, LedgerSource ledgers, LedgerRefresher refresher)
{
    /// <param name="reason">Recorded with the retired cache entries, e.g. "transactions changed".</param>
    /// <param name="written">The transactions the write changed, at the ledger counter it committed (writers of transactions).</param>
    public async Task AfterWriteAsync(DbClaims claims, Guid userId, string reason, CancellationToken ct, LedgerRepository.LedgerChanges? written = null)
    {
        await metrics.InvalidateUserAsync(userId, reason, ct);
        if (written is null || !ledgers.TryApply(userId, written))
        {
            refresher.Schedule(claims, userId);
        }
    }
}
