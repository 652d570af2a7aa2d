namespace PortfolioTracker.MarketData.Data;

/// <summary>
/// Deletes expired <c>api_cache</c> rows (a system table only <c>service_role</c> may touch).
/// Each batch is its own short transaction, so no lock is held for long, and rows another
/// replica is writing right now are skipped rather than waited for.
/// </summary>
public sealed class ApiCacheCleaner(RlsDatabase database, TimeProvider clock)
{
    /// <summary>Deletes every row whose <c>expires_at</c> has passed; returns how many.</summary>
    public async Task<int> DeleteExpiredAsync(int batchSize, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        // One cut-off for the whole run: rows expiring while it runs wait for the next one.
        var now = clock.GetUtcNow();
        var total = 0;
        int deleted;
        do
        {
            ct.ThrowIfCancellationRequested();
            deleted = await database.RunAsync(DbClaims.ServiceRole, session => session.ExecuteNonQueryAsync(
                """
                delete from api_cache
                where cache_key in (
                    select cache_key from api_cache
                    where expires_at <= $1
                    order by expires_at
                    limit $2
                    for update skip locked)
                """,
                ct, now, batchSize), ct);
            total += deleted;
        }
        while (deleted == batchSize);
        return total;
    }
}
