using Microsoft.Extensions.Options;
using PortfolioTracker.Portfolio.Application.Metrics;
using PortfolioTracker.Portfolio.Caching;

namespace PortfolioTracker.Portfolio.Tests.Caching;

/// <summary>
/// Held series that grow: what a calculation asks MarketData for given what is held, and what
/// a stored close does to a held series (it is retired from its day on, not wholesale).
/// </summary>
public sealed class HeldSeriesTests
{
    private static readonly DateOnly Jan2 = new(2024, 1, 2);
    private static readonly DateOnly Jan3 = new(2024, 1, 3);
    private static readonly DateOnly Jan4 = new(2024, 1, 4);
    private static readonly DateOnly Jan5 = new(2024, 1, 5);
    private static readonly DateOnly Jan8 = new(2024, 1, 8);

    private static MarketSeriesCache Create() => new(Options.Create(new InMemoryOptions()));

    private static MarketSeriesCache.HeldSeries Held(DateOnly from, DateOnly to) =>
        new(new ClosePriceSeries([(Jan2, 10m), (Jan3, 11m), (Jan4, 12m), (Jan5, 13m)]).Through(to), from, to, DateTimeOffset.MaxValue);

    [Fact]
    public void NothingHeldAsksForTheWholeRange()
    {
        var plan = SeriesPlan.For(null, Jan2, Jan5);

        Assert.Null(plan.Held);
        Assert.Equal([(Jan2, Jan5)], plan.Windows);
    }

    [Fact]
    public void HeldDaysCoveringTheRangeAskForNothing()
    {
        var plan = SeriesPlan.For(Held(Jan2, Jan5), Jan3, Jan4);

        Assert.Empty(plan.Windows);
        Assert.Equal(Jan4, plan.Held!.DateAt(plan.Held.Count - 1));
    }

    [Fact]
    public void OnlyTheDaysBeforeAndAfterTheHeldOnesAreAskedFor()
    {
        var plan = SeriesPlan.For(Held(Jan3, Jan4), Jan2, Jan8);

        Assert.Null(plan.Held);
        Assert.Equal([(Jan2, Jan2), (Jan5, Jan8)], plan.Windows);
    }

    [Fact]
    public void AnsweredWindowsJoinTheHeldSeriesWhichKeepsItsExpiry()
    {
        var previous = Held(Jan3, Jan4) with { Expires = DateTimeOffset.UnixEpoch.AddYears(60) };
        var plan = SeriesPlan.For(previous, Jan2, Jan8);

        var joined = plan.Join([[(Jan2, 10m)], [(Jan4, 12m), (Jan5, 13m), (Jan8, 18m)]], () => DateTimeOffset.MaxValue);

        Assert.Equal((Jan2, Jan8, previous.Expires), (joined.From, joined.To, joined.Expires));
        Assert.Equal([10m, 11m, 12m, 13m, 18m], Enumerable.Range(0, joined.Series.Count).Select(joined.Series.CloseAt));
    }

    [Fact]
    public void ACloseStoredInsideTheHeldDaysRetiresThemFromThatDayOn()
    {
        using var cache = Create();
        cache.SetCloses("AAPL", Held(Jan2, Jan5), cache.ClosesGeneration("AAPL"));

        cache.ForgetCloses("AAPL", Jan4);

        Assert.True(cache.TryGetHeldCloses("AAPL", out var held));
        Assert.Equal((Jan2, Jan3, 2), (held.From, held.To, held.Series.Count));
    }

    [Fact]
    public void ACloseStoredAfterTheHeldDaysKeepsThemButRetiresFetchesInFlight()
    {
        using var cache = Create();
        var inFlight = cache.ClosesGeneration("AAPL");
        cache.SetCloses("AAPL", Held(Jan2, Jan5), inFlight);

        cache.ForgetCloses("AAPL", Jan8);
        cache.SetCloses("AAPL", Held(Jan2, Jan8), inFlight); // read before the new close was stored

        Assert.True(cache.TryGetHeldCloses("AAPL", out var held));
        Assert.Equal((Jan2, Jan5), (held.From, held.To));
    }

    [Fact]
    public void ACloseStoredOnTheFirstHeldDayRetiresTheWholeSeries()
    {
        using var cache = Create();
        cache.SetCloses("AAPL", Held(Jan3, Jan5), cache.ClosesGeneration("AAPL"));

        cache.ForgetCloses("AAPL", Jan3);

        Assert.False(cache.TryGetHeldCloses("AAPL", out _));
    }
}
