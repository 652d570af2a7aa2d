using PortfolioTracker.Portfolio.Application.Metrics;
using PortfolioTracker.Portfolio.Caching;
using PortfolioTracker.ServiceDefaults.Data;

namespace PortfolioTracker.Portfolio.Application;

/// <summary>
/// The one step every write ends with once it has committed a change to what the user's metrics
/// read (transactions, portfolios, the profile's base currency): figures cached before the change
/// are retired, and the ledger is re-read ahead in the background so the next request finds it in
/// memory. Every writer calls <see cref="AfterWriteAsync"/>, so an effect added here (re-syncing
/// dividends, say) reaches every writer and none can forget one.
/// </summary>
public sealed class UserDataChanged(MetricsCache metrics, LedgerRefresher ledgers)
{
    /// <param name="reason">Recorded with the retired cache entries, e.g. "transactions changed".</param>
    public async Task AfterWriteAsync(DbClaims claims, Guid userId, string reason, CancellationToken ct)
    {
        await metrics.InvalidateUserAsync(userId, reason, ct);
        ledgers.Schedule(claims, userId);
    }
}
