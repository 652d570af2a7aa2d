namespace PortfolioTracker.MarketData.Providers.Resilience;

/// <summary>
/// A consecutive-failure circuit breaker as an explicit state machine, so that its state can
/// be persisted and restored (Polly's breaker keeps its state private).
/// Closed → Open after <c>failureThreshold</c> failures in a row; Open → HalfOpen once the
/// break has passed; HalfOpen lets exactly one trial call out, which closes or reopens it.
/// </summary>
public sealed class CircuitBreaker
{
    private readonly Lock _lock = new();
    private readonly int _failureThreshold;
    private readonly TimeSpan _breakDuration;
    private readonly TimeProvider _time;

    private CircuitState _state = CircuitState.Closed;
    private int _consecutiveFailures;
    private DateTimeOffset? _lastFailureAt;
    private DateTimeOffset? _lastSuccessAt;
    private bool _trialInFlight;

    public CircuitBreaker(int failureThreshold, TimeSpan breakDuration, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(failureThreshold, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(breakDuration, TimeSpan.Zero);
        _failureThreshold = failureThreshold;
        _breakDuration = breakDuration;
        _time = time;
    }

    /// <summary>The current state; an Open breaker whose break has passed reports HalfOpen.</summary>
    public CircuitState State
    {
        get
        {
            lock (_lock)
            {
                AdvanceIfBreakOver();
                return _state;
            }
        }
    }

    /// <summary>When the breaker last opened (the failure that opened it); null unless Open or HalfOpen.</summary>
    public DateTimeOffset? OpenedAt
    {
        get
        {
            lock (_lock)
            {
                return _state == CircuitState.Closed ? null : _lastFailureAt;
            }
        }
    }

    public CircuitBreakerSnapshot Snapshot()
    {
        lock (_lock)
        {
            AdvanceIfBreakOver();
            return new CircuitBreakerSnapshot(_state, _consecutiveFailures, _lastFailureAt, _lastSuccessAt);
        }
    }

    /// <summary>Continues from a persisted state (after a restart). A trial in flight before the restart is forgotten.</summary>
    public void Restore(CircuitBreakerSnapshot snapshot)
    {
        lock (_lock)
        {
            _state = snapshot.State;
            _consecutiveFailures = Math.Max(0, snapshot.ConsecutiveFailures);
            _lastFailureAt = snapshot.LastFailureAt;
            _lastSuccessAt = snapshot.LastSuccessAt;
            _trialInFlight = false;
            if (_state == CircuitState.Open && _lastFailureAt is null)
            {
                // An open breaker without an opening time cannot be timed: give it its trial.
                _state = CircuitState.HalfOpen;
            }
        }
    }

    /// <summary>
    /// Asks to make one call. When it returns true, the caller must report the call with
    /// <see cref="RecordSuccess"/>, <see cref="RecordFailure"/> or <see cref="Release"/>.
    /// When false, <paramref name="retryAfter"/> is what is left of the break (zero while a trial is in flight).
    /// </summary>
    public bool TryAcquire(out TimeSpan retryAfter)
    {
        lock (_lock)
        {
            AdvanceIfBreakOver();
            retryAfter = TimeSpan.Zero;
            switch (_state)
            {
                case CircuitState.Closed:
                    return true;
                case CircuitState.HalfOpen when !_trialInFlight:
                    _trialInFlight = true;
                    return true;
                case CircuitState.Open:
                    retryAfter = _lastFailureAt!.Value + _breakDuration - _time.GetUtcNow();
                    return false;
                default:
                    return false;
            }
        }
    }

    public void RecordSuccess()
    {
        lock (_lock)
        {
            _lastSuccessAt = _time.GetUtcNow();
            // A call that started before the breaker opened does not close it; only the trial does.
            if (_state == CircuitState.Open)
            {
                return;
            }
            _state = CircuitState.Closed;
            _consecutiveFailures = 0;
            _trialInFlight = false;
        }
    }

    public void RecordFailure()
    {
        lock (_lock)
        {
            // Late failures of calls that started before the breaker opened must not extend the break.
            if (_state == CircuitState.Open)
            {
                return;
            }
            _lastFailureAt = _time.GetUtcNow();
            _consecutiveFailures++;
            if (_state == CircuitState.HalfOpen || _consecutiveFailures >= _failureThreshold)
            {
                _state = CircuitState.Open;
            }
            _trialInFlight = false;
        }
    }

    /// <summary>A permitted call that never reached the provider (cancelled, refused by the quota): frees the trial.</summary>
    public void Release()
    {
        lock (_lock)
        {
            _trialInFlight = false;
        }
    }

    private void AdvanceIfBreakOver()
    {
        if (_state == CircuitState.Open && _time.GetUtcNow() - _lastFailureAt >= _breakDuration)
        {
            _state = CircuitState.HalfOpen;
            _trialInFlight = false;
        }
    }
}
