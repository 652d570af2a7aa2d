using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Google.Protobuf;
using PortfolioTracker.Portfolio.Data;
using PortfolioTracker.ServiceDefaults.Data;
using PortfolioTracker.ServiceDefaults.Timing;
using StackExchange.Redis;

namespace PortfolioTracker.Portfolio.Caching;

/// <summary>
/// Summary, performance and risk results in Redis, recorded in <c>portfolio_metrics_cache</c>
/// (hit counts, computation time, what they depend on, why they were invalidated).
/// Invalidation is by a per-user version in the key: bumping it retires exactly that
/// user's entries, and only users whose entries depend on a symbol are bumped when its
/// prices change. Redis being down makes every request compute, never fail; entries
/// expire after <see cref="Lifetime"/> at the latest, which bounds what a missed
/// invalidation (Redis unreachable at that moment) can leave behind. The SQL of the record is
/// <see cref="MetricsCacheRepository"/>'s.
/// A computed result is answered first and stored after (<see cref="PendingStores"/>): the record,
/// then the entry, so a symbol's invalidation never meets an entry without its record. Invalidations
/// wait for the stores they could miss, and a graceful stop for all of them.
/// </summary>
public sealed partial class MetricsCache(
    IConnectionMultiplexer redis, RlsDatabase database, MetricsCacheRepository records, PendingStores stores, TimeProvider clock,
    ILogger<MetricsCache> logger)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(15);
    private readonly ConcurrentDictionary<(Guid User, string Key), int> _pendingHits = new();

    /// <param name="MetricsJson">The record's copy of the result, made when it is stored, after the answer.</param>
    public sealed record Computed<T>(T Value, IReadOnlyCollection<string> Symbols, Func<string> MetricsJson);

    public async Task<T> GetOrComputeAsync<T>(
        DbClaims claims, Guid userId, string cacheKey, MessageParser<T> parser, Func<Task<Computed<T>>> compute, CancellationToken ct)
        where T : IMessage<T>
    {
        // The user's version and the entry under it in one round trip.
        var read = await ReadAsync(userId, cacheKey);
        var redisUp = read.Succeeded;
        var answer = redisUp ? (RedisResult[])read.Value! : null;
        var (version, entry) = answer is { Length: 2 } ? ((RedisValue)answer[0], (RedisValue)answer[1]) : (RedisValue.Null, RedisValue.Null);
        if (entry.HasValue)
        {
            _pendingHits.AddOrUpdate((userId, cacheKey), 1, (_, hits) => hits + 1);
            return parser.ParseFrom((byte[])entry!);
        }
        var key = $"metrics:{userId}:{(version.HasValue ? (long)version : 0)}:{cacheKey}";

        var stopwatch = Stopwatch.StartNew();
        var computed = await compute();
        var elapsed = (int)stopwatch.ElapsedMilliseconds;
        // Off the answer's path: the caller needs the value, not the stored copy.
        stores.Start(userId, abandon => StoreAsync(claims, userId, cacheKey, key, redisUp, computed, elapsed, abandon));
        return computed.Value;
    }

    /// <summary>Completes when the results computed so far for <paramref name="userId"/> are recorded and stored.</summary>
    public Task StoredAsync(Guid userId) => stores.ForUserAsync(userId);

    /// <summary>Retires every entry of one user (their transactions or profile changed).</summary>
    public async Task InvalidateUserAsync(Guid userId, string reason, CancellationToken ct)
    {
        // A record written after the retirement would stay live though its entry is retired.
        await stores.ForUserAsync(userId);
        await TryAsync(() => redis.GetDatabase().StringIncrementAsync(VersionKey(userId)), "invalidate");
        await database.RunAsync(DbClaims.ServiceRole, session => records.RetireUserAsync(session, userId, reason, ct), ct);
    }

    /// <summary>Retires the entries that depend on <paramref name="symbol"/> (new prices), and no others.</summary>
    public async Task InvalidateSymbolAsync(string symbol, CancellationToken ct)
    {
        // Only recorded entries are found by their symbols.
        await stores.AllAsync();
        var users = await database.RunAsync(DbClaims.ServiceRole,
            session => records.RetireDependingOnAsync(session, symbol, $"new prices for {symbol}", ct), ct);
        // Sent together (the multiplexer pipelines them), not one round trip per user.
        await Task.WhenAll(users.Select(user => TryAsync(() => redis.GetDatabase().StringIncrementAsync(VersionKey(user)), "invalidate")));
    }

    /// <summary>Writes the hits counted since the last flush (one statement), so a cache hit costs no database write.</summary>
    public async Task FlushHitsAsync(CancellationToken ct)
    {
        var hits = _pendingHits.Keys
            .Select(k => (k.User, k.Key, Hits: _pendingHits.TryRemove(k, out var count) ? count : 0))
            .Where(h => h.Hits > 0)
            .ToList();
        if (hits.Count == 0)
        {
            return;
        }
        await database.RunAsync(DbClaims.ServiceRole, session => records.AddHitsAsync(session, hits, ct), ct);
    }

    /// <summary>
    /// The record first, then the entry: an entry is only ever found after its record, so an
    /// invalidation by symbol reaches every entry it must. A failed record stores no entry (the
    /// next request computes again); Redis being down stores only the record.
    /// </summary>
    private async Task StoreAsync<T>(
        DbClaims claims, Guid userId, string cacheKey, RedisKey key, bool redisUp, Computed<T> computed, int elapsedMs, CancellationToken ct)
        where T : IMessage<T>
    {
        try
        {
            var bytes = computed.Value.ToByteArray();
            var now = clock.GetUtcNow();
            await database.RunAsync(claims, session => records.RecordAsync(session, userId, cacheKey, now, now + Lifetime,
                computed.MetricsJson(), JsonSerializer.Serialize(computed.Symbols), elapsedMs, bytes.Length, ct), ct);
            if (redisUp)
            {
                await TryAsync(() => redis.GetDatabase().StringSetAsync(key, bytes, Lifetime), "write");
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // A stop that ran out of time; the drain logs it.
        }
        catch (Exception exception)
        {
            LogStoreFailed(logger, exception, cacheKey);
        }
    }

    private async Task<(bool Succeeded, RedisResult Value)> ReadAsync(Guid userId, string cacheKey)
    {
        using var timed = RequestTimer.Measure("cache");
        return await TryAsync(() => redis.GetDatabase().ScriptEvaluateAsync(ReadScript,
            [VersionKey(userId)], [$"metrics:{userId}:", $":{cacheKey}"]), "read");
    }

    private async Task<(bool Succeeded, TValue Value)> TryAsync<TValue>(Func<Task<TValue>> operation, string what)
    {
        try
        {
            return (true, await operation());
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            LogRedisUnavailable(logger, exception, what);
            return (false, default!);
        }
    }

    private static RedisKey VersionKey(Guid userId) => $"metrics:ver:{userId}";

    // KEYS[1]: the user's version key; the entry's key is ARGV[1] .. version (0 when none) .. ARGV[2].
    // A missing key comes back from redis.call as false, which keeps its place in the returned array.
    private const string ReadScript = """
        local version = redis.call('GET', KEYS[1])
        return { version, redis.call('GET', ARGV[1] .. (version or '0') .. ARGV[2]) }
        """;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storing the computed {CacheKey} failed; the next request computes it again")]
    private static partial void LogStoreFailed(ILogger logger, Exception exception, string cacheKey);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis unavailable ({Operation}); computing without the cache")]
    private static partial void LogRedisUnavailable(ILogger logger, Exception exception, string operation);
}
