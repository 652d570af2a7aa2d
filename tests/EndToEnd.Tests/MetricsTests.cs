using System.Net;
using Grpc.Core;
using PortfolioTracker.EndToEnd.Tests.Support;
using PortfolioTracker.Protos.Portfolio.V1;

namespace PortfolioTracker.EndToEnd.Tests;

/// <summary>Summary, performance and risk through the gateway, on prices and FX imported here.</summary>
[Collection(SuiteCollection.Name)]
public class MetricsTests(SuiteFixture suite)
{
    private HttpClient Http => suite.Http;

    /// <summary>A USD stock at 100 on Jan 2 and 120 on Jan 3; USD→CHF 0.90 then 0.80.</summary>
    private async Task<string> SeedMarketAsync()
    {
        var token = await ServiceToken.MintAsync(suite);
        var symbol = "M" + Guid.NewGuid().ToString("N")[..7].ToUpperInvariant();
        object Bar(string date, string close) => new { date, open = close, high = close, low = close, close, adjustedClose = close, volume = 10 };
        using (var prices = await Http.SendAsync(HttpMethod.Post, "/v1/admin/prices:import", token,
            new { symbol, currency = "USD", bars = new[] { Bar("2024-01-02", "100"), Bar("2024-01-03", "120") } }))
        using (var fx = await Http.SendAsync(HttpMethod.Post, "/v1/admin/fx:import", token,
            new { fromCurrency = "USD", toCurrency = "CHF", rates = new[] { new { date = "2024-01-02", rate = "0.90" }, new { date = "2024-01-03", rate = "0.80" } } }))
        {
            Assert.Equal(HttpStatusCode.OK, prices.StatusCode);
            Assert.Equal(HttpStatusCode.OK, fx.StatusCode);
        }
        return symbol;
    }

    [Fact]
    public async Task TheSummaryConvertsEachFlowAtItsOwnDatesRate()
    {
        var symbol = await SeedMarketAsync();
        var user = await Http.SignUpAsync();
        await Http.CreateTransactionAsync(user, new Dictionary<string, object?>
        {
            ["transactionType"] = "BUY", ["symbol"] = symbol, ["quantity"] = "10", ["price"] = "100",
            ["date"] = "2024-01-02", ["currency"] = "USD", ["commission"] = "5",
        });

        using var response = await Http.SendAsync(HttpMethod.Get, "/v1/portfolio/summary?asOf=2024-01-03&baseCurrency=CHF", user.AccessToken);

        var summary = await response.ReadJsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, summary.Json());
        var position = summary["positions"]![0]!;
        // Investment 10 × 100 USD at 0.90 = 900 CHF; value 10 × 120 USD at 0.80 = 960 CHF;
        // unrealized 60; fee 5 USD at 0.90 = 4.5 CHF; net 55.5.
        Assert.Equal("900", position["investment"]!.GetValue<string>());
        Assert.Equal("960", position["marketValue"]!.GetValue<string>());
        Assert.Equal("60", position["unrealizedGain"]!.GetValue<string>());
        Assert.Equal("4.5", summary["fees"]!.GetValue<string>());
        Assert.Equal("55.5", summary["netPerformance"]!.GetValue<string>());
        Assert.Equal("CHF", summary["baseCurrency"]!.GetValue<string>());
    }

    [Fact]
    public async Task AChangedTransactionInvalidatesTheCachedSummary()
    {
        var symbol = await SeedMarketAsync();
        var user = await Http.SignUpAsync();
        var buy = new Dictionary<string, object?>
        {
            ["transactionType"] = "BUY", ["symbol"] = symbol, ["quantity"] = "10", ["price"] = "100", ["date"] = "2024-01-02", ["currency"] = "USD",
        };
        await Http.CreateTransactionAsync(user, buy);
        const string path = "/v1/portfolio/summary?asOf=2024-01-03&baseCurrency=USD";

        using var first = await Http.SendAsync(HttpMethod.Get, path, user.AccessToken);
        using var cached = await Http.SendAsync(HttpMethod.Get, path, user.AccessToken);
        await Http.CreateTransactionAsync(user, buy);
        using var after = await Http.SendAsync(HttpMethod.Get, path, user.AccessToken);

        Assert.Equal("1200", (await first.ReadJsonAsync())["totalValue"]!.GetValue<string>());
        Assert.Equal("1200", (await cached.ReadJsonAsync())["totalValue"]!.GetValue<string>());
        Assert.Equal("2400", (await after.ReadJsonAsync())["totalValue"]!.GetValue<string>());
        // A result is recorded just after its answer: wait for the last one's record.
        long live = 0;
        for (var clock = System.Diagnostics.Stopwatch.StartNew(); live == 0 && clock.Elapsed < TimeSpan.FromSeconds(10); await Task.Delay(50))
        {
            live = await suite.CountAsync(
                "select count(*) from portfolio_metrics_cache where user_id = $1 and cache_key like 'summary:%' and invalidated_at is null", user.Id);
        }
        Assert.Equal(1, live);
    }

    [Fact]
    public async Task NewPricesInvalidateTheSummaryOfUsersHoldingTheSymbol()
    {
        var symbol = await SeedMarketAsync();
        var user = await Http.SignUpAsync();
        await Http.CreateTransactionAsync(user, new Dictionary<string, object?>
        {
            ["transactionType"] = "BUY", ["symbol"] = symbol, ["quantity"] = "1", ["price"] = "100", ["date"] = "2024-01-02", ["currency"] = "USD",
        });
        const string path = "/v1/portfolio/summary?asOf=2024-01-04&baseCurrency=USD";
        using var before = await Http.SendAsync(HttpMethod.Get, path, user.AccessToken);
        var token = await ServiceToken.MintAsync(suite);

        using (var import = await Http.SendAsync(HttpMethod.Post, "/v1/admin/prices:import", token, new
        {
            symbol, currency = "USD",
            bars = new[] { new { date = "2024-01-04", open = "150", high = "150", low = "150", close = "150", adjustedClose = "150", volume = 1 } },
        }))
        {
            Assert.Equal(HttpStatusCode.OK, import.StatusCode);
        }
        string total;
        var deadline = DateTime.UtcNow.AddSeconds(20);
        do
        {
            using var after = await Http.SendAsync(HttpMethod.Get, path, user.AccessToken);
            total = (await after.ReadJsonAsync())["totalValue"]!.GetValue<string>();
        }
        while (total == "120" && DateTime.UtcNow < deadline && await Task.Delay(100).ContinueWith(_ => true));

        Assert.Equal("120", (await before.ReadJsonAsync())["totalValue"]!.GetValue<string>());
        Assert.Equal("150", total);
    }

    [Fact]
    public async Task PerformanceAndRiskAnswerOverGrpcWithTheCallersToken()
    {
        var symbol = await SeedMarketAsync();
        var user = await Http.SignUpAsync();
        await Http.CreateTransactionAsync(user, new Dictionary<string, object?>
        {
            ["transactionType"] = "BUY", ["symbol"] = symbol, ["quantity"] = "10", ["price"] = "100", ["date"] = "2024-01-02", ["currency"] = "USD",
        });
        var client = new MetricsService.MetricsServiceClient(suite.Grpc);
        var headers = new Metadata { { "Authorization", $"Bearer {user.AccessToken}" } };

        var performance = await client.GetPerformanceAsync(new GetPerformanceRequest { AsOf = "2024-01-03", BaseCurrency = "USD", Range = "max" }, headers);
        var risk = await client.GetRiskAsync(new GetRiskRequest { AsOf = "2024-01-03", BaseCurrency = "USD", Benchmark = symbol }, headers);

        var max = Assert.Single(performance.Ranges);
        Assert.Equal("max", max.Range);
        Assert.Equal(0.2m, decimal.Parse(max.TimeWeightedReturn));
        Assert.Equal("1200", performance.DailyValues[^1].Value);
        Assert.Equal(symbol, risk.Benchmark);
    }

    [Theory]
    [InlineData("/v1/portfolio/summary?asOf=2024-13-01", "asOf")]
    [InlineData("/v1/portfolio/summary?baseCurrency=chf", "baseCurrency")]
    [InlineData("/v1/portfolio/performance?range=2y", "range")]
    [InlineData("/v1/portfolio/risk?riskFreeRate=abc", "riskFreeRate")]
    public async Task BadMetricsParametersAreNamed(string path, string field)
    {
        var user = await Http.SignUpAsync();

        using var response = await Http.SendAsync(HttpMethod.Get, path, user.AccessToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal([field], Api.ViolatedFields(await response.ReadJsonAsync()));
    }

    [Fact]
    public async Task TheDemoPortfolioHasASummaryInItsOwnCurrencies()
    {
        using var login = await Http.SendAsync(HttpMethod.Post, "/v1/auth/login", null,
            new { email = "demo@example.com", password = suite.DemoPassword });
        var token = (await login.ReadJsonAsync())["accessToken"]!.GetValue<string>();

        using var response = await Http.SendAsync(HttpMethod.Get, "/v1/portfolio/summary?asOf=2026-10-30", token);

        var summary = await response.ReadJsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, summary.Json());
        Assert.True(decimal.Parse(summary["totalValue"]!.GetValue<string>()) > 0);
        Assert.Contains(summary["allocationByCurrency"]!.AsArray(), slice => slice!["key"]!.GetValue<string>() == "CHF");
    }
}
