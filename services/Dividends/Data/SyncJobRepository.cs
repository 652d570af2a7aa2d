using Npgsql;
using NpgsqlTypes;

namespace PortfolioTracker.Dividends.Data;

/// <summary>
/// The background sync's bookkeeping, across users, so it runs as <c>service_role</c>: which users
/// need a sync, and the claim on each that keeps two instances from syncing one user at once. The
/// syncs themselves run under each user's own claims (<see cref="DividendRepository"/>).
/// </summary>
public sealed class SyncJobRepository
{
    /// <summary>When the least recent finished sync started; null when none finished (every event counts as new).</summary>
    public Task<DateTime?> OldestSyncStartAsync(RlsSession session, CancellationToken ct) =>
        session.ExecuteScalarAsync<DateTime?>("select min(last_started_at) from dividend_sync_state where status = 'succeeded'", ct);

    /// <summary>
    /// Claims up to <paramref name="limit"/> users who need a sync, the longest unsynced first, and
    /// marks each <c>running</c> in one statement: a user whose ledger version moved since the
    /// last sync (or who never synced), whose last sync is of an earlier day (an ex-date may have
    /// passed), whose last sync failed or was abandoned (a claim older than
    /// <paramref name="claimTimeout"/>), or who has transactions in a symbol whose events changed
    /// (<paramref name="eventsChangedAt"/>) after the last sync started. (An event change committed
    /// late, after a sync that started later had read the events, is caught by the next day's sync.)
    /// A row another instance claimed meanwhile is locked first and then fails the claim's
    /// condition, so each user goes to one instance.
    /// </summary>
    public async Task<IReadOnlyList<Guid>> ClaimAsync(
        RlsSession session, IReadOnlyDictionary<string, DateTime> eventsChangedAt, DateOnly today, int limit, TimeSpan claimTimeout,
        CancellationToken ct)
    {
        var changes = eventsChangedAt.ToArray();
        await using var reader = await session.ExecuteReaderAsync(
            """
            with candidates as (
              select v.user_id
              from public.ledger_versions_for_service() v
              left join dividend_sync_state s on s.user_id = v.user_id
              where s.user_id is null
                 or (s.status = 'running' and s.last_started_at < now() - $5)
                 or (s.status <> 'running' and (
                       s.status <> 'succeeded'
                       or s.ledger_version is distinct from v.version
                       or s.synced_through is null or s.synced_through < $3
                       or exists (
                            select 1 from unnest($1::text[], $2::timestamptz[]) as c(symbol, changed_at)
                            where c.changed_at > s.last_started_at
                              and exists (select 1 from transactions t where t.user_id = v.user_id and t.symbol = c.symbol))))
              order by s.last_finished_at nulls first, v.user_id
              limit $4
            )
            insert into dividend_sync_state as s (user_id, status, last_started_at)
            select user_id, 'running', now() from candidates
            on conflict (user_id) do update set status = 'running', last_started_at = now(), last_finished_at = null, last_error = null
              where s.status <> 'running' or s.last_started_at < now() - $5
            returning s.user_id
            """,
            ct,
            new NpgsqlParameter { Value = changes.Select(c => c.Key).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text },
            new NpgsqlParameter { Value = changes.Select(c => c.Value).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz },
            today, limit, claimTimeout);
        var users = new List<Guid>();
        while (await reader.ReadAsync(ct))
        {
            users.Add(reader.GetGuid(0));
        }
        return users;
    }

    /// <summary>Releases a claim whose sync failed; <paramref name="error"/> is a status name, never data.</summary>
    public Task FailAsync(RlsSession session, Guid userId, string error, CancellationToken ct) =>
        session.ExecuteNonQueryAsync(
            """
            update dividend_sync_state set status = 'failed', last_finished_at = greatest(now(), last_started_at), last_error = $2
            where user_id = $1 and status = 'running'
            """,
            ct, userId, error);
}
