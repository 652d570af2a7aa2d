namespace PortfolioTracker.MarketData.Providers.Resilience;

/// <summary>
/// Decides whether one call may leave for a provider (circuit, quota) and records what came
/// back. One per provider, shared by every request; state is loaded from and saved to the
/// <see cref="IProviderStateStore"/> so it survives restarts.
/// </summary>
/// <remarks>
/// What counts against the breaker: only signs that the provider is unwell (no connection,
/// HTTP 5xx/408/429, timeouts, unreadable answers). An invalid symbol, a premium-only
/// endpoint or a rate-limit answer is a healthy provider saying no, so it counts as success.
/// </remarks>
public sealed class ProviderCallGate(
    string service,
    CircuitBreaker breaker,
    QuotaLimiter quota,
    IProviderStateStore store,
    ILogger<ProviderCallGate> logger)
{
    private readonly SemaphoreSlim _loading = new(1, 1);
    private volatile bool _loaded;

    public string Service => service;

    public CircuitBreaker Breaker => breaker;

    public QuotaLimiter Quota => quota;

    /// <summary>
    /// Lets one call out, or throws <see cref="MarketDataCircuitOpenException"/> /
    /// <see cref="MarketDataRateLimitedException"/>. The call is counted in the store first:
    /// a call that cannot be counted does not go out, so a restart cannot overspend the day.
    /// Returns the day's call count, this call included.
    /// </summary>
    public async Task<int> AdmitAsync(CancellationToken cancellationToken)
    {
        await EnsureLoadedAsync(cancellationToken);
        if (!breaker.TryAcquire(out var breakLeft))
        {
            ProviderLog.CircuitRefused(logger, service, breakLeft);
            throw new MarketDataCircuitOpenException(breakLeft, $"{service} is failing; calls are paused for {breakLeft}.");
        }
        if (!quota.TryAcquire(out var spent, out var retryAfter))
        {
            breaker.Release();
            throw QuotaSpent(spent, retryAfter);
        }

        int callsToday;
        try
        {
            var today = quota.Today();
            callsToday = await store.RecordCallAsync(service, today, cancellationToken);
            if (!quota.ObserveDailyCount(today, callsToday))
            {
                // Other replicas spent the day's budget: this call is counted but does not go out.
                breaker.Release();
                throw QuotaSpent(RateLimitScope.PerDay, quota.UntilNextDay());
            }
        }
        catch (Exception exception) when (exception is not (MarketDataProviderException or OperationCanceledException))
        {
            breaker.Release();
            ProviderLog.StoreFailed(logger, service, "count a call", exception);
            throw new MarketDataProviderException(MarketDataProviderErrorKind.Unavailable,
                $"{service} call not made: it could not be counted against the daily quota.", innerException: exception);
        }
        catch (OperationCanceledException)
        {
            breaker.Release();
            throw;
        }
        return callsToday;
    }

    /// <summary>The provider answered with data.</summary>
    public Task ReportSuccessAsync() => RecordAsync(breaker.RecordSuccess);

    /// <summary>No answer in time: the provider is slow or gone.</summary>
    public Task ReportTimeoutAsync() => RecordAsync(breaker.RecordFailure);

    /// <summary>The call failed; see the remarks for what counts against the breaker.</summary>
    public Task ReportFailureAsync(MarketDataProviderException exception)
    {
        if (exception is MarketDataRateLimitedException rateLimited)
        {
            if (rateLimited.Scope == RateLimitScope.PerDay)
            {
                quota.ExhaustDay();
            }
            else
            {
                quota.ExhaustMinute();
            }
        }
        return exception.Kind is MarketDataProviderErrorKind.Unavailable or MarketDataProviderErrorKind.BadPayload
            ? RecordAsync(breaker.RecordFailure)
            : RecordAsync(breaker.RecordSuccess);
    }

    /// <summary>An admitted call that was cancelled by its caller: no verdict on the provider.</summary>
    public void ReportAbandoned() => breaker.Release();

    private async Task RecordAsync(Action record)
    {
        var before = breaker.State;
        record();
        var snapshot = breaker.Snapshot();
        if (snapshot.State == CircuitState.Open && before != CircuitState.Open)
        {
            ProviderLog.CircuitOpened(logger, service, snapshot.ConsecutiveFailures);
        }
        else if (snapshot.State == CircuitState.Closed && before != CircuitState.Closed)
        {
            ProviderLog.CircuitClosed(logger, service);
        }

        try
        {
            // Not the caller's token: a cancelled request must not leave the stored breaker behind.
            await store.SaveBreakerAsync(service, snapshot, CancellationToken.None);
        }
        catch (Exception exception)
        {
            // The in-memory breaker still protects this process; only a restart would forget.
            ProviderLog.StoreFailed(logger, service, "save the circuit breaker", exception);
        }
    }

    private MarketDataRateLimitedException QuotaSpent(RateLimitScope spent, TimeSpan retryAfter)
    {
        ProviderLog.QuotaSpent(logger, service, spent, retryAfter);
        return new MarketDataRateLimitedException(spent, retryAfter,
            $"{service} {(spent == RateLimitScope.PerDay ? "daily" : "per-minute")} call budget is spent; retry after {retryAfter}.");
    }

    private async Task EnsureLoadedAsync(CancellationToken cancellationToken)
    {
        if (_loaded)
        {
            return;
        }
        await _loading.WaitAsync(cancellationToken);
        try
        {
            if (_loaded)
            {
                return;
            }
            var snapshot = await store.LoadBreakerAsync(service, cancellationToken);
            if (snapshot is not null)
            {
                breaker.Restore(snapshot);
            }
            var today = quota.Today();
            quota.ObserveDailyCount(today, await store.GetCallCountAsync(service, today, cancellationToken));
            _loaded = true;
            ProviderLog.StateRestored(logger, service, breaker.State, quota.CallsToday);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            ProviderLog.StoreFailed(logger, service, "load the provider state", exception);
            throw new MarketDataProviderException(MarketDataProviderErrorKind.Unavailable,
                $"{service} call not made: today's call count could not be loaded.", innerException: exception);
        }
        finally
        {
            _loading.Release();
        }
    }
}
