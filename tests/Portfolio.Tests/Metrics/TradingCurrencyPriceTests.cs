using static PortfolioTracker.Portfolio.Tests.Metrics.MetricsFixtures;

namespace PortfolioTracker.Portfolio.Tests.Metrics;

/// <summary>The average and market price in the position's own currency, beside the base-currency ones.</summary>
public class TradingCurrencyPriceTests
{
    [Fact]
    public void AUsdPositionOfAChfUserShowsItsAverageAndCloseInDollars()
    {
        // Arrange: two buys at different prices and FX, a sale; USD→CHF moves all the time.
        var ledger = Ledger(
            Buy("2024-01-02", "AAPL", 10, 100),
            Buy("2024-03-01", "AAPL", 30, 120),
            Sell("2024-06-03", "AAPL", 20, 130));
        var market = Market("AAPL", Closes(("2024-06-03", 130m), ("2024-12-31", 150m)), "USD", "Technology",
            Fx("USD", "CHF", "2024-01-02", 0.90m),
            Fx("USD", "CHF", "2024-03-01", 0.88m),
            Fx("USD", "CHF", "2024-06-03", 0.95m),
            Fx("USD", "CHF", "2024-12-31", 0.80m));

        // Act
        var aapl = Assert.Single(PortfolioCalculator.Summarize(ledger, market, "CHF", D("2025-01-01")).Positions);

        // Assert: in dollars the average is the trades' own (10 × 100 + 30 × 120) / 40 = 115, and
        // a sale at the average cost leaves it there; the market price is the stored close, 150.
        Assert.Equal(115m, aapl.AveragePriceInCurrency);
        Assert.Equal(150m, aapl.MarketPriceInCurrency);
        // The base-currency figures are unchanged: (1000 × 0.90 + 3600 × 0.88) / 40 = 101.7 CHF, 150 × 0.80 = 120 CHF.
        Assert.Equal(101.7m, aapl.AveragePrice);
        Assert.Equal(120m, aapl.MarketPrice);
        Assert.Equal("USD", aapl.Currency);
    }

    [Fact]
    public void ATradeInAnotherCurrencyCountsAtItsDatesRateInThePositionsCurrency()
    {
        // Arrange: a USD-listed stock bought once in USD and once in EUR; EUR user.
        var ledger = Ledger(
            Buy("2024-01-02", "AAPL", 10, 100),
            Buy("2024-02-01", "AAPL", 10, 90, currency: "EUR"));
        var market = Market("AAPL", Closes(("2024-02-01", 105m)), "USD", "Technology",
            Fx("USD", "EUR", "2024-01-01", 0.90m));

        // Act
        var aapl = Assert.Single(PortfolioCalculator.Summarize(ledger, market, "EUR", D("2024-02-01")).Positions);

        // Assert: 900 EUR is 900 / 0.90 = 1000 USD at the buy date, so (1000 + 1000) / 20 = 100 USD.
        Assert.Equal(100m, aapl.AveragePriceInCurrency);
        Assert.Equal(105m, aapl.MarketPriceInCurrency);
    }

    [Fact]
    public void WithoutACloseTheLastTradePriceStandsInAndAClosedPositionHasNoAverage()
    {
        // Arrange: no closes for the symbol; one symbol sold out.
        var ledger = Ledger(
            Buy("2024-01-02", "NEWCO", 5, 40, currency: "GBP"),
            Buy("2024-01-02", "AAPL", 1, 100),
            Sell("2024-01-03", "AAPL", 1, 110));
        var market = Market([], Fx("GBP", "USD", "2024-01-01", 1.25m));

        // Act
        var positions = PortfolioCalculator.Summarize(ledger, market, "USD", D("2024-01-05")).Positions;

        // Assert
        var newco = positions.Single(p => p.Symbol == "NEWCO");
        Assert.Equal(("GBP", 40m, 40m, 50m), (newco.Currency, newco.AveragePriceInCurrency, newco.MarketPriceInCurrency, newco.MarketPrice));
        var aapl = positions.Single(p => p.Symbol == "AAPL");
        Assert.Equal((0m, 0m), (aapl.Quantity, aapl.AveragePriceInCurrency));
        Assert.Equal(110m, aapl.MarketPriceInCurrency);
    }
}
