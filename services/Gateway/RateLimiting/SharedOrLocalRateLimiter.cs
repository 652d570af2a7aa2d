using System.Diagnostics;
using System.Threading.RateLimiting;
using RedisRateLimiting;

namespace PortfolioTracker.Gateway.RateLimiting;

/// <summary>
/// One caller's budget for one route group: a fixed window in Redis while Redis answers, so
/// every gateway instance draws on the same count; an in-memory fixed window of the same size
/// while it does not, so the gateway keeps serving and keeps limiting (per instance) rather than
/// failing open or failing closed.
/// </summary>
public sealed class SharedOrLocalRateLimiter : ReplenishingRateLimiter
{
    private static readonly RateLimitLease Deferred = new DeferredLease();
    private readonly RateLimiter _shared;
    private readonly FixedWindowRateLimiter _local;
    private readonly SharedLimitStore _store;

    // What the partitioned limiter's idle sweep reads (it disposes a limiter idle for 10 s): the
    // last acquisition through either store, and none while one is in flight. The in-memory
    // limiter's own idle time counted only its own use, so while Redis answered every limiter
    // looked idle since it was made and was disposed under requests waiting on a dying Redis,
    // whose fallback then met a disposed limiter (a 500).
    private int _inFlight;
    private long _lastUsed = Stopwatch.GetTimestamp();

    public SharedOrLocalRateLimiter(string partitionKey, GroupLimit limit, SharedLimitStore store)
    {
        _store = store;
        _shared = new RedisFixedWindowRateLimiter<string>(partitionKey, new RedisFixedWindowRateLimiterOptions
        {
            PermitLimit = limit.PermitLimit,
            Window = limit.Window,
            ConnectionMultiplexerFactory = () => store.Redis,
        });
        // Replenished by the partitioned limiter's own timer (IsAutoReplenishing is false), not one timer each.
        _local = new FixedWindowRateLimiter(new FixedWindowRateLimiterOptions
        {
            PermitLimit = limit.PermitLimit,
            Window = limit.Window,
            QueueLimit = 0,
            AutoReplenishment = false,
        });
    }

    // The in-memory window's used permits keep it too: disposing it would hand out a fresh budget.
    public override TimeSpan? IdleDuration =>
        Volatile.Read(ref _inFlight) > 0 || _local.IdleDuration is null ? null : Stopwatch.GetElapsedTime(Interlocked.Read(ref _lastUsed));

    public override bool IsAutoReplenishing => false;

    public override TimeSpan ReplenishmentPeriod => _local.ReplenishmentPeriod;

    public override bool TryReplenish() => _local.TryReplenish();

    public override RateLimiterStatistics? GetStatistics() => _local.GetStatistics();

    // A Redis round trip cannot be made synchronously without blocking a thread: the middleware
    // then asks AcquireAsync, which decides.
    protected override RateLimitLease AttemptAcquireCore(int permitCount) => Deferred;

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _inFlight);
        try
        {
            return await AcquireFromEitherStoreAsync(permitCount, cancellationToken);
        }
        finally
        {
            Interlocked.Exchange(ref _lastUsed, Stopwatch.GetTimestamp());
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private async ValueTask<RateLimitLease> AcquireFromEitherStoreAsync(int permitCount, CancellationToken cancellationToken)
    {
        if (_store.IsConnected)
        {
            try
            {
                var lease = await _shared.AcquireAsync(permitCount, cancellationToken);
                _store.ReportReachable();
                return lease;
            }
            // Whatever the shared store throws, except the caller giving up: the moment Redis dies, the
            // client library fails the calls in flight with more than its own exception types, and a
            // failing budget store must cost the request its shared count, never a 500.
            catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                _store.ReportUnreachable(exception);
            }
        }
        else
        {
            _store.ReportUnreachable(exception: null);
        }
        return await _local.AcquireAsync(permitCount, cancellationToken);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _shared.Dispose();
            _local.Dispose();
        }
        base.Dispose(disposing);
    }

    private sealed class DeferredLease : RateLimitLease
    {
        public override bool IsAcquired => false;

        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }
    }
}
