namespace PortfolioTracker.MarketData.Tests.Support;

/// <summary>
/// A wall clock that moves only when a test says so, for the breaker's break and the quota's
/// minute and day. Timers stay real (inherited), so short real timeouts and retry delays still fire.
/// </summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private long _ticks = start.UtcTicks;

    public ManualClock()
        : this(new DateTimeOffset(2025, 3, 12, 15, 0, 0, TimeSpan.Zero))
    {
    }

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
}
