using PortfolioTracker.Dividends.Caching;

namespace PortfolioTracker.Dividends.Tests.Caching;

public class SettledFxRatesTests
{
    private static readonly DateOnly Today = new(2026, 11, 30);

    [Fact]
    public void ARateOfAPastDateIsHeldForItsPairAndDateOnly()
    {
        using var rates = new SettledFxRates();

        rates.Remember("USD", "EUR", Today.AddDays(-1), 0.9123m, Today);

        Assert.True(rates.TryGet("USD", "EUR", Today.AddDays(-1), out var held));
        Assert.Equal(0.9123m, held);
        Assert.False(rates.TryGet("EUR", "USD", Today.AddDays(-1), out _));
        Assert.False(rates.TryGet("USD", "EUR", Today.AddDays(-2), out _));
        Assert.False(rates.TryGet("USD", "GBP", Today.AddDays(-1), out _));
    }

    [Fact]
    public void TodaysAndFutureRatesAreNeverHeldSinceANewerRateCanStillArrive()
    {
        using var rates = new SettledFxRates();

        rates.Remember("USD", "EUR", Today, 0.91m, Today);
        rates.Remember("USD", "EUR", Today.AddDays(3), 0.92m, Today);

        Assert.False(rates.TryGet("USD", "EUR", Today, out _));
        Assert.False(rates.TryGet("USD", "EUR", Today.AddDays(3), out _));
    }
}
