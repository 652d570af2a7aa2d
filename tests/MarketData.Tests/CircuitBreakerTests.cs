using PortfolioTracker.MarketData.Providers.Resilience;

namespace PortfolioTracker.MarketData.Tests;

/// <summary>The breaker's state machine on its own, with a clock the test moves.</summary>
public sealed class CircuitBreakerTests
{
    private static readonly TimeSpan Break = TimeSpan.FromSeconds(60);
    private readonly ManualClock _clock = new();
    private readonly CircuitBreaker _breaker;

    public CircuitBreakerTests() => _breaker = new CircuitBreaker(failureThreshold: 3, Break, _clock);

    [Fact]
    public void OpensAfterTheThresholdOfConsecutiveFailures()
    {
        FailTimes(2);
        Assert.Equal(CircuitState.Closed, _breaker.State);

        FailTimes(1);

        Assert.Equal(CircuitState.Open, _breaker.State);
        Assert.Equal(_clock.GetUtcNow(), _breaker.OpenedAt);
        Assert.False(_breaker.TryAcquire(out var retryAfter));
        Assert.Equal(Break, retryAfter);
    }

    [Fact]
    public void ASuccessResetsTheCountOfConsecutiveFailures()
    {
        FailTimes(2);
        Assert.True(_breaker.TryAcquire(out _));
        _breaker.RecordSuccess();

        FailTimes(2);

        Assert.Equal(CircuitState.Closed, _breaker.State);
        Assert.Equal(2, _breaker.Snapshot().ConsecutiveFailures);
    }

    [Fact]
    public void HalfOpensAfterTheBreakAndLetsExactlyOneTrialOut()
    {
        FailTimes(3);
        _clock.Advance(Break - TimeSpan.FromSeconds(1));
        Assert.False(_breaker.TryAcquire(out var retryAfter));
        Assert.Equal(TimeSpan.FromSeconds(1), retryAfter);

        _clock.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(CircuitState.HalfOpen, _breaker.State);
        Assert.True(_breaker.TryAcquire(out _));
        Assert.False(_breaker.TryAcquire(out _));
    }

    [Fact]
    public void ASuccessfulTrialCloses()
    {
        FailTimes(3);
        _clock.Advance(Break);
        Assert.True(_breaker.TryAcquire(out _));

        _breaker.RecordSuccess();

        Assert.Equal(CircuitState.Closed, _breaker.State);
        Assert.Equal(0, _breaker.Snapshot().ConsecutiveFailures);
        Assert.True(_breaker.TryAcquire(out _));
        Assert.True(_breaker.TryAcquire(out _));
    }

    [Fact]
    public void AFailedTrialReopensForAWholeBreak()
    {
        FailTimes(3);
        _clock.Advance(Break);
        Assert.True(_breaker.TryAcquire(out _));

        _breaker.RecordFailure();

        Assert.Equal(CircuitState.Open, _breaker.State);
        _clock.Advance(Break - TimeSpan.FromSeconds(1));
        Assert.Equal(CircuitState.Open, _breaker.State);
    }

    [Fact]
    public void AReleasedTrialLetsTheNextCallBeTheTrial()
    {
        FailTimes(3);
        _clock.Advance(Break);
        Assert.True(_breaker.TryAcquire(out _));

        _breaker.Release();

        Assert.True(_breaker.TryAcquire(out _));
    }

    [Fact]
    public void ARestoredOpenBreakerKeepsItsOpeningTime()
    {
        FailTimes(3);
        var snapshot = _breaker.Snapshot();
        _clock.Advance(TimeSpan.FromSeconds(30));
        var restarted = new CircuitBreaker(failureThreshold: 3, Break, _clock);

        restarted.Restore(snapshot);

        Assert.False(restarted.TryAcquire(out var retryAfter));
        Assert.Equal(TimeSpan.FromSeconds(30), retryAfter);
        _clock.Advance(TimeSpan.FromSeconds(30));
        Assert.True(restarted.TryAcquire(out _));
    }

    [Fact]
    public void LateOutcomesOfCallsStartedBeforeOpeningDoNotChangeAnOpenBreaker()
    {
        FailTimes(3);
        var openedAt = _breaker.OpenedAt;
        _clock.Advance(TimeSpan.FromSeconds(10));

        _breaker.RecordFailure();
        _breaker.RecordSuccess();

        Assert.Equal(CircuitState.Open, _breaker.State);
        Assert.Equal(openedAt, _breaker.OpenedAt);
    }

    private void FailTimes(int count)
    {
        for (var i = 0; i < count; i++)
        {
            Assert.True(_breaker.TryAcquire(out _));
            _breaker.RecordFailure();
        }
    }
}
