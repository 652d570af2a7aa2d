using Npgsql;
using NpgsqlTypes;
using PortfolioTracker.ServiceDefaults.Data;

namespace PortfolioTracker.Portfolio.Data;

/// <summary>
/// SQL for <c>portfolio_metrics_cache</c>: the record of what the metrics cache holds in Redis
/// (hit counts, computation time, the symbols an entry depends on, why it was retired).
/// </summary>
public sealed class MetricsCacheRepository
{
    /// <summary>
    /// Stores (or replaces) the record of one freshly computed entry. The record is derived data that
    /// the next computation writes again, so its commit does not wait for the disk
    /// (<c>synchronous_commit</c> off for this transaction only): waiting for the WAL flush was the
    /// largest part of an uncached summary. A database crash can lose only the last records committed
    /// (never other data); their Redis entries then live at most their lifetime, as after a missed invalidation.
    /// </summary>
    public Task RecordAsync(
        RlsSession session, Guid userId, string cacheKey, DateTimeOffset createdAt, DateTimeOffset expiresAt,
        string metricsJson, string dependenciesJson, int computationMs, int sizeBytes, CancellationToken ct) =>
        session.ExecuteNonQueryAsync(
            """
            insert into portfolio_metrics_cache
                (user_id, cache_key, created_at, expires_at, last_accessed, hit_count, metrics_json, dependencies, computation_time_ms, cache_size_bytes)
            select $1, $2, $3, $4, $3, 0, $5, $6, $7, $8
            from (select set_config('synchronous_commit', 'off', true)) as record_commit_without_flush
            on conflict (user_id, cache_key) do update set
                cache_version = portfolio_metrics_cache.cache_version + 1, created_at = excluded.created_at,
                expires_at = excluded.expires_at, last_accessed = excluded.last_accessed, metrics_json = excluded.metrics_json,
                dependencies = excluded.dependencies, computation_time_ms = excluded.computation_time_ms,
                cache_size_bytes = excluded.cache_size_bytes, invalidated_at = null, invalidation_reason = null
            """,
            ct, userId, cacheKey, createdAt, expiresAt,
            new NpgsqlParameter { Value = metricsJson, NpgsqlDbType = NpgsqlDbType.Jsonb },
            new NpgsqlParameter { Value = dependenciesJson, NpgsqlDbType = NpgsqlDbType.Jsonb },
            computationMs, sizeBytes);

    /// <summary>Marks every live entry of one user retired, with the reason.</summary>
    public Task RetireUserAsync(RlsSession session, Guid userId, string reason, CancellationToken ct) =>
        session.ExecuteNonQueryAsync(
            "update portfolio_metrics_cache set invalidated_at = now(), invalidation_reason = $2 where user_id = $1 and invalidated_at is null",
            ct, userId, reason);

    /// <summary>Marks retired the live entries that depend on <paramref name="symbol"/>; returns their users.</summary>
    public async Task<IReadOnlySet<Guid>> RetireDependingOnAsync(RlsSession session, string symbol, string reason, CancellationToken ct)
    {
        await using var reader = await session.ExecuteReaderAsync(
            """
            update portfolio_metrics_cache set invalidated_at = now(), invalidation_reason = $2
            where invalidated_at is null and dependencies ? $1
            returning user_id
            """,
            ct, symbol, reason);
        var affected = new HashSet<Guid>();
        while (await reader.ReadAsync(ct))
        {
            affected.Add(reader.GetGuid(0));
        }
        return affected;
    }

    /// <summary>Adds counted hits to their entries, all in one statement.</summary>
    public Task AddHitsAsync(RlsSession session, IReadOnlyList<(Guid UserId, string CacheKey, int Hits)> hits, CancellationToken ct) =>
        session.ExecuteNonQueryAsync(
            """
            update portfolio_metrics_cache c set hit_count = c.hit_count + h.hits, last_accessed = now()
            from unnest($1::uuid[], $2::text[], $3::int[]) as h(user_id, cache_key, hits)
            where c.user_id = h.user_id and c.cache_key = h.cache_key
            """,
            ct,
            new NpgsqlParameter { Value = hits.Select(h => h.UserId).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid },
            new NpgsqlParameter { Value = hits.Select(h => h.CacheKey).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text },
            new NpgsqlParameter { Value = hits.Select(h => h.Hits).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Integer });
}
