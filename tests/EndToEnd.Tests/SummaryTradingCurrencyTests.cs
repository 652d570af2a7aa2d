using System.Net;
using PortfolioTracker.EndToEnd.Tests.Support;

namespace PortfolioTracker.EndToEnd.Tests;

/// <summary>The summary's positions in the asset's own currency, beside the base-currency figures.</summary>
[Collection(SuiteCollection.Name)]
public class SummaryTradingCurrencyTests(SuiteFixture suite)
{
    private HttpClient Http => suite.Http;

    [Fact]
    public async Task AUsdHoldingOfAChfSummaryShowsItsAverageCostAndStoredCloseInDollars()
    {
        // Arrange: closes of 100 and 123.45 USD stored; USD→CHF 0.90 then 0.80.
        var token = await ServiceToken.MintAsync(suite);
        var symbol = GrpcCalls.NewSymbol("C");
        object Bar(string date, string close) => new { date, open = close, high = close, low = close, close, adjustedClose = close, volume = 10 };
        using (var prices = await Http.SendAsync(HttpMethod.Post, "/v1/admin/prices:import", token,
            new { symbol, currency = "USD", bars = new[] { Bar("2024-01-02", "100"), Bar("2024-01-03", "123.45") } }))
        using (var fx = await Http.SendAsync(HttpMethod.Post, "/v1/admin/fx:import", token,
            new { fromCurrency = "USD", toCurrency = "CHF", rates = new[] { new { date = "2024-01-02", rate = "0.90" }, new { date = "2024-01-03", rate = "0.80" } } }))
        {
            Assert.Equal(HttpStatusCode.OK, prices.StatusCode);
            Assert.Equal(HttpStatusCode.OK, fx.StatusCode);
        }
        var user = await Http.SignUpAsync();
        foreach (var (date, quantity, price) in new[] { ("2024-01-02", "10", "98.5"), ("2024-01-03", "30", "110") })
        {
            await Http.CreateTransactionAsync(user, new Dictionary<string, object?>
            {
                ["transactionType"] = "BUY", ["symbol"] = symbol, ["quantity"] = quantity, ["price"] = price,
                ["date"] = date, ["currency"] = "USD",
            });
        }

        // Act
        using var response = await Http.SendAsync(HttpMethod.Get, "/v1/portfolio/summary?asOf=2024-01-03&baseCurrency=CHF", user.AccessToken);

        // Assert: (10 × 98.5 + 30 × 110) / 40 = 107.125 USD; the stored close of asOf, 123.45 USD.
        // In CHF: (985 × 0.90 + 3300 × 0.80) / 40 = 88.1625; 123.45 × 0.80 = 98.76.
        var summary = await response.ReadJsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, summary.Json());
        var position = summary["positions"]!.AsArray().Single(p => p!["symbol"]!.GetValue<string>() == symbol)!;
        Assert.Equal("USD", position["currency"]!.GetValue<string>());
        Assert.Equal("107.125", position["averagePriceInCurrency"]!.GetValue<string>());
        Assert.Equal("123.45", position["marketPriceInCurrency"]!.GetValue<string>());
        Assert.Equal("88.1625", position["averagePrice"]!.GetValue<string>());
        Assert.Equal("98.76", position["marketPrice"]!.GetValue<string>());
    }
}
