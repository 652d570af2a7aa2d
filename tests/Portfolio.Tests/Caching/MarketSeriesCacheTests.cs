using Microsoft.Extensions.Options;
using PortfolioTracker.Portfolio.Caching;

namespace PortfolioTracker.Portfolio.Tests.Caching;

public sealed class MarketSeriesCacheTests
{
    private static readonly DateOnly Jan2 = new(2024, 1, 2);
    private static readonly DateOnly Jan3 = new(2024, 1, 3);
    private static readonly DateOnly Jan4 = new(2024, 1, 4);
    private static readonly DateOnly Jan5 = new(2024, 1, 5);

    private static ClosePriceSeries Closes() => new([(Jan2, 10m), (Jan3, 11m), (Jan4, 12m), (Jan5, 13m)]);

    private static MarketSeriesCache Create(TimeSpan? lifetime = null) =>
        new(Options.Create(new InMemoryOptions { MarketLifetime = lifetime ?? TimeSpan.FromMinutes(10) }));

    [Fact]
    public void ASeriesAnswersOnlyInsideTheRangeItWasFetchedFor()
    {
        using var cache = Create();
        cache.SetCloses("AAPL", Jan3, Jan5, Closes(), cache.ClosesGeneration("AAPL"));

        Assert.True(cache.TryGetCloses("AAPL", Jan3, Jan5, out _));
        Assert.True(cache.TryGetCloses("AAPL", Jan4, Jan4, out _));
        Assert.False(cache.TryGetCloses("AAPL", Jan2, Jan5, out _)); // starts earlier than fetched
        Assert.False(cache.TryGetCloses("AAPL", Jan3, Jan5.AddDays(1), out _)); // ends later than fetched
        Assert.False(cache.TryGetCloses("MSFT", Jan3, Jan5, out _));
    }

    [Fact]
    public void ACalculationAsOfAnEarlierDayNeverSeesLaterCloses()
    {
        using var cache = Create();
        cache.SetCloses("AAPL", Jan2, Jan5, Closes(), cache.ClosesGeneration("AAPL"));

        cache.TryGetCloses("AAPL", Jan2, Jan3, out var throughJan3);

        Assert.Equal(2, throughJan3.Count);
        Assert.True(throughJan3.TryGetOnOrBefore(Jan5, out var close, out var date));
        Assert.Equal((11m, Jan3), (close, date));
        Assert.Equal(1, throughJan3.IndexOnOrBefore(Jan5));
    }

    [Fact]
    public void NewClosesRetireTheSymbolAndFxIsKeptPerPair()
    {
        using var cache = Create();
        cache.SetCloses("AAPL", Jan2, Jan5, Closes(), cache.ClosesGeneration("AAPL"));
        cache.SetFx("USD", "CHF", Jan2, Jan5, Closes());

        cache.ForgetCloses("AAPL");

        Assert.False(cache.TryGetCloses("AAPL", Jan2, Jan5, out _));
        Assert.True(cache.TryGetFx("USD", "CHF", Jan2, Jan5, out _));
        Assert.False(cache.TryGetFx("CHF", "USD", Jan2, Jan5, out _));
    }

    [Fact]
    public void ClosesFetchedBeforeNewOnesWereAnnouncedAreNotKept()
    {
        using var cache = Create();
        var before = cache.ClosesGeneration("AAPL");

        cache.ForgetCloses("AAPL"); // new closes announced while the fetch was in flight
        cache.SetCloses("AAPL", Jan2, Jan5, Closes(), before);
        var keptStale = cache.TryGetCloses("AAPL", Jan2, Jan5, out _);
        cache.SetCloses("AAPL", Jan2, Jan5, Closes(), cache.ClosesGeneration("AAPL"));

        Assert.False(keptStale);
        Assert.True(cache.TryGetCloses("AAPL", Jan2, Jan5, out _));
    }

    [Fact]
    public async Task EntriesAreReadAgainAfterTheirLifetime()
    {
        using var cache = Create(TimeSpan.FromMilliseconds(50));
        cache.SetStock("AAPL", new MarketSeriesCache.StockFacts("USD", "Technology"));

        var before = cache.TryGetStock("AAPL", out var facts);
        await Task.Delay(TimeSpan.FromMilliseconds(300));
        var after = cache.TryGetStock("AAPL", out _);

        Assert.True(before);
        Assert.Equal("Technology", facts!.Sector);
        Assert.False(after);
    }
}
