namespace PortfolioTracker.MarketData.Providers.Resilience;

/// <summary>
/// Two call budgets, per minute (sliding window) and per UTC day, checked before a call goes
/// out. A spent budget refuses at once with the time until it frees up; nothing waits.
/// </summary>
/// <remarks>
/// The provider does not document when its day resets; a UTC day is close enough, and if the
/// provider disagrees its own rate-limit answer exhausts our day through <see cref="ExhaustDay"/>.
/// </remarks>
public sealed class QuotaLimiter
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    private readonly Lock _lock = new();
    private readonly Queue<DateTimeOffset> _callsInLastMinute = new();
    private readonly int _perMinute;
    private readonly int _perDay;
    private readonly TimeProvider _time;

    private DateOnly _day;
    private int _callsToday;

    public QuotaLimiter(int perMinute, int perDay, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(perMinute, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(perDay, 1);
        _perMinute = perMinute;
        _perDay = perDay;
        _time = time;
        _day = Today();
    }

    public DateOnly Today() => DateOnly.FromDateTime(_time.GetUtcNow().UtcDateTime);

    public int CallsToday
    {
        get
        {
            lock (_lock)
            {
                RollDay();
                return _callsToday;
            }
        }
    }

    /// <summary>Takes one call from both budgets, or refuses and says which budget is spent and for how long.</summary>
    public bool TryAcquire(out RateLimitScope spent, out TimeSpan retryAfter)
    {
        lock (_lock)
        {
            var now = _time.GetUtcNow();
            RollDay();
            ForgetCallsOlderThanAMinute(now);

            if (_callsToday >= _perDay)
            {
                spent = RateLimitScope.PerDay;
                retryAfter = StartOfNextDay() - now;
                return false;
            }
            if (_callsInLastMinute.Count >= _perMinute)
            {
                spent = RateLimitScope.PerMinute;
                retryAfter = _callsInLastMinute.Peek() + Minute - now;
                return false;
            }

            _callsToday++;
            _callsInLastMinute.Enqueue(now);
            spent = RateLimitScope.Unknown;
            retryAfter = TimeSpan.Zero;
            return true;
        }
    }

    /// <summary>
    /// Raises today's count to what the store has seen (after a restart, or calls made by
    /// other replicas). Never lowers it: our own calls may not be stored yet.
    /// Returns false when that count is beyond the daily budget.
    /// </summary>
    public bool ObserveDailyCount(DateOnly day, int count)
    {
        lock (_lock)
        {
            RollDay();
            if (day == _day)
            {
                _callsToday = Math.Max(_callsToday, count);
            }
            return count <= _perDay;
        }
    }

    public TimeSpan UntilNextDay()
    {
        lock (_lock)
        {
            RollDay();
            return StartOfNextDay() - _time.GetUtcNow();
        }
    }

    /// <summary>The provider says the day's budget is spent, whatever we counted.</summary>
    public void ExhaustDay()
    {
        lock (_lock)
        {
            RollDay();
            _callsToday = Math.Max(_callsToday, _perDay);
        }
    }

    /// <summary>The provider says we are calling too often: no call for a minute.</summary>
    public void ExhaustMinute()
    {
        lock (_lock)
        {
            var now = _time.GetUtcNow();
            ForgetCallsOlderThanAMinute(now);
            while (_callsInLastMinute.Count < _perMinute)
            {
                _callsInLastMinute.Enqueue(now);
            }
        }
    }

    private void RollDay()
    {
        var today = Today();
        if (today != _day)
        {
            _day = today;
            _callsToday = 0;
        }
    }

    private void ForgetCallsOlderThanAMinute(DateTimeOffset now)
    {
        while (_callsInLastMinute.Count > 0 && now - _callsInLastMinute.Peek() >= Minute)
        {
            _callsInLastMinute.Dequeue();
        }
    }

    private DateTimeOffset StartOfNextDay() =>
        new(_day.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
}
