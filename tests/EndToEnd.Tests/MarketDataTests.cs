using System.Net;
using Grpc.Core;
using PortfolioTracker.EndToEnd.Tests.Support;
using PortfolioTracker.Protos.MarketData.V1;

namespace PortfolioTracker.EndToEnd.Tests;

/// <summary>Market data through the gateway: service-role writes, user reads, FX derivation, streaming.</summary>
[Collection(SuiteCollection.Name)]
public class MarketDataTests(SuiteFixture suite)
{
    private static string NewSymbol() => "Z" + Guid.NewGuid().ToString("N")[..7].ToUpperInvariant();

    private static object Bar(string date, string close, string dividend = "0", string split = "1") => new
    {
        date,
        open = close,
        high = close,
        low = close,
        close,
        adjustedClose = close,
        volume = 1000,
        dividendAmount = dividend,
        splitCoefficient = split,
    };

    [Fact]
    public async Task TheMintedServiceTokenImportsBarsThatUsersCanRead()
    {
        var token = await ServiceToken.MintAsync(suite);
        var symbol = NewSymbol();
        var user = await suite.Http.SignUpAsync();

        using var import = await suite.Http.SendAsync(HttpMethod.Post, "/v1/admin/prices:import", token,
            new { symbol, currency = "USD", bars = new[] { Bar("2024-01-02", "10.50"), Bar("2024-01-03", "11.25", dividend: "0.10") } });
        using var again = await suite.Http.SendAsync(HttpMethod.Post, "/v1/admin/prices:import", token,
            new { symbol, currency = "USD", bars = new[] { Bar("2024-01-02", "10.50"), Bar("2024-01-03", "11.25", dividend: "0.10") } });
        using var read = await suite.Http.SendAsync(HttpMethod.Get, $"/v1/prices/{symbol}?from=2024-01-01&to=2024-01-31", user.AccessToken);
        using var latest = await suite.Http.SendAsync(HttpMethod.Get, $"/v1/prices/{symbol}/latest", user.AccessToken);

        Assert.Equal(HttpStatusCode.OK, import.StatusCode);
        Assert.Equal(2, (await import.ReadJsonAsync())["upserted"]!.GetValue<int>());
        Assert.Equal(0, (await again.ReadJsonAsync())["upserted"]!.GetValue<int>()); // identical bars are not rewritten
        var series = await read.ReadJsonAsync();
        Assert.Equal(["10.50", "11.25"], series["bars"]!.AsArray().Select(b => b!["close"]!.GetValue<string>()));
        Assert.Equal("0.10", series["bars"]![1]!["dividendAmount"]!.GetValue<string>());
        Assert.Equal("2024-01-03", series["asOf"]!.GetValue<string>());
        Assert.True(series["stale"]!.GetValue<bool>());
        var close = await latest.ReadJsonAsync();
        Assert.Equal("11.25", close["close"]!.GetValue<string>());
        Assert.Equal("USD", close["currency"]!.GetValue<string>());
    }

    [Fact]
    public async Task AUserTokenCannotUseAdminRoutes()
    {
        var user = await suite.Http.SignUpAsync();
        var symbol = NewSymbol();

        using var prices = await suite.Http.SendAsync(HttpMethod.Post, "/v1/admin/prices:import", user.AccessToken,
            new { symbol, currency = "USD", bars = new[] { Bar("2024-01-02", "10") } });
        using var stock = await suite.Http.SendAsync(HttpMethod.Post, "/v1/admin/stocks", user.AccessToken,
            new { symbol, companyName = "X", exchange = "X", currency = "USD" });
        using var fx = await suite.Http.SendAsync(HttpMethod.Post, "/v1/admin/fx:import", user.AccessToken,
            new { fromCurrency = "AAA", toCurrency = "BBB", rates = new[] { new { date = "2024-01-02", rate = "1.5" } } });

        Assert.Equal(HttpStatusCode.Forbidden, prices.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, stock.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, fx.StatusCode);
        Assert.Equal(0, await suite.CountAsync("select count(*) from stocks where symbol = $1", symbol));
        Assert.Equal(0, await suite.CountAsync("select count(*) from forex_rates where from_currency = 'AAA'"));
    }

    [Fact]
    public async Task ABatchWithOneBadBarIsRefusedWholeNamingTheBar()
    {
        var token = await ServiceToken.MintAsync(suite);
        var symbol = NewSymbol();
        var inconsistent = new { date = "2024-01-03", open = "10", high = "9", low = "8", close = "10", adjustedClose = "10", volume = 5, dividendAmount = "0", splitCoefficient = "1" };

        using var response = await suite.Http.SendAsync(HttpMethod.Post, "/v1/admin/prices:import", token,
            new { symbol, currency = "USD", bars = new object[] { Bar("2024-01-02", "10"), inconsistent } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("bars[1]", Api.ViolatedFields(await response.ReadJsonAsync()));
        Assert.Equal(0, await suite.CountAsync("select count(*) from historical_prices where symbol = $1", symbol));
    }

    [Theory]
    [InlineData("usd", "currency")]
    [InlineData("", "symbol")]
    public async Task BadImportFieldsAreNamed(string value, string field)
    {
        var token = await ServiceToken.MintAsync(suite);
        var body = new Dictionary<string, object>
        {
            ["symbol"] = field == "symbol" ? value : NewSymbol(),
            ["currency"] = field == "currency" ? value : "USD",
            ["bars"] = new[] { Bar("2024-01-02", "10") },
        };

        using var response = await suite.Http.SendAsync(HttpMethod.Post, "/v1/admin/prices:import", token, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal([field], Api.ViolatedFields(await response.ReadJsonAsync()));
    }

    [Fact]
    public async Task MissingPairsAreDerivedByInverseAndThroughUsd()
    {
        var token = await ServiceToken.MintAsync(suite);
        var user = await suite.Http.SignUpAsync();
        using (var eur = await suite.Http.SendAsync(HttpMethod.Post, "/v1/admin/fx:import", token,
            new { fromCurrency = "XEU", toCurrency = "USD", rates = new[] { new { date = "2024-01-02", rate = "1.10" } } }))
        using (var chf = await suite.Http.SendAsync(HttpMethod.Post, "/v1/admin/fx:import", token,
            new { fromCurrency = "USD", toCurrency = "XCH", rates = new[] { new { date = "2024-01-02", rate = "0.80" } } }))
        {
            Assert.Equal(HttpStatusCode.OK, eur.StatusCode);
            Assert.Equal(HttpStatusCode.OK, chf.StatusCode);
        }

        using var inverse = await suite.Http.SendAsync(HttpMethod.Get, "/v1/fx/USD/XEU?date=2024-01-05", user.AccessToken);
        using var cross = await suite.Http.SendAsync(HttpMethod.Get, "/v1/fx/XEU/XCH?date=2024-01-05", user.AccessToken);
        using var none = await suite.Http.SendAsync(HttpMethod.Get, "/v1/fx/XEU/XCH?date=2023-12-31", user.AccessToken);

        var inverseRate = await inverse.ReadJsonAsync();
        Assert.Equal("inverse", inverseRate["derivation"]!.GetValue<string>());
        Assert.Equal(1m / 1.10m, decimal.Parse(inverseRate["rate"]!.GetValue<string>()), 10);
        Assert.Equal("2024-01-02", inverseRate["date"]!.GetValue<string>());
        var crossRate = await cross.ReadJsonAsync();
        Assert.Equal("cross", crossRate["derivation"]!.GetValue<string>());
        Assert.Equal("0.88", crossRate["rate"]!.GetValue<string>().TrimEnd('0'));
        Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);
    }

    [Fact]
    public async Task TheBundledSampleDataIsLoadedAtStart()
    {
        var user = await suite.Http.SignUpAsync();

        using var stock = await suite.Http.SendAsync(HttpMethod.Get, "/v1/stocks/NVDA", user.AccessToken);
        using var prices = await suite.Http.SendAsync(HttpMethod.Get, "/v1/prices/NVDA?from=2024-06-07&to=2024-06-10", user.AccessToken);
        using var fx = await suite.Http.SendAsync(HttpMethod.Get, "/v1/fx/CHF/EUR?date=2025-03-03", user.AccessToken);

        Assert.Equal("Technology", (await stock.ReadJsonAsync())["sector"]!.GetValue<string>());
        var bars = (await prices.ReadJsonAsync())["bars"]!.AsArray();
        Assert.Equal("10", bars[^1]!["splitCoefficient"]!.GetValue<string>());
        Assert.Equal("cross", (await fx.ReadJsonAsync())["derivation"]!.GetValue<string>());
    }

    [Fact]
    public async Task TheDemoUserHasItsSamplePortfolio()
    {
        using var login = await suite.Http.SendAsync(HttpMethod.Post, "/v1/auth/login", null,
            new { email = "demo@example.com", password = suite.DemoPassword });
        var token = (await login.ReadJsonAsync())["accessToken"]!.GetValue<string>();

        using var list = await suite.Http.SendAsync(HttpMethod.Get, "/v1/transactions?pageSize=100", token);

        Assert.Equal(13, (await list.ReadJsonAsync())["transactions"]!.AsArray().Count);
    }

    [Fact]
    public async Task AStreamDeliversPricesAsTheyAreStored()
    {
        var token = await ServiceToken.MintAsync(suite);
        var user = await suite.Http.SignUpAsync();
        var symbol = NewSymbol();
        var client = new PriceService.PriceServiceClient(suite.Grpc);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var stream = client.StreamPrices(new StreamPricesRequest { Symbols = { symbol } },
            new Metadata { { "Authorization", $"Bearer {user.AccessToken}" } }, cancellationToken: timeout.Token);
        var first = stream.ResponseStream.MoveNext(timeout.Token);

        // The subscription is set up asynchronously: keep storing new days until one arrives.
        var day = new DateOnly(2024, 2, 1);
        while (!first.IsCompleted)
        {
            using var import = await suite.Http.SendAsync(HttpMethod.Post, "/v1/admin/prices:import", token,
                new { symbol, currency = "USD", bars = new[] { Bar(day.ToString("yyyy-MM-dd"), "42.42") } });
            Assert.Equal(HttpStatusCode.OK, import.StatusCode);
            day = day.AddDays(1);
            await Task.WhenAny(first, Task.Delay(200, timeout.Token));
        }

        Assert.True(await first);
        Assert.Equal(symbol, stream.ResponseStream.Current.Symbol);
        Assert.Equal("42.42", stream.ResponseStream.Current.Close);
    }

    [Fact]
    public async Task AnHttpStreamDeliversPricesAsNewlineDelimitedJson()
    {
        var token = await ServiceToken.MintAsync(suite);
        var user = await suite.Http.SignUpAsync();
        var symbol = NewSymbol();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var request = new HttpRequestMessage(HttpMethod.Get, $"/v1/prices:stream?symbols={symbol}");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", user.AccessToken);
        var responding = suite.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);

        // The gateway sends the headers with the first message: store new days until it comes.
        var day = new DateOnly(2024, 3, 1);
        while (!responding.IsCompleted)
        {
            using var import = await suite.Http.SendAsync(HttpMethod.Post, "/v1/admin/prices:import", token,
                new { symbol, currency = "USD", bars = new[] { Bar(day.ToString("yyyy-MM-dd"), "7.25") } });
            Assert.Equal(HttpStatusCode.OK, import.StatusCode);
            day = day.AddDays(1);
            await Task.WhenAny(responding, Task.Delay(200, timeout.Token));
        }
        using var response = await responding;
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(timeout.Token));
        var line = await reader.ReadLineAsync(timeout.Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var update = System.Text.Json.Nodes.JsonNode.Parse(line!)!;
        Assert.Equal(symbol, update["symbol"]!.GetValue<string>());
        Assert.Equal("7.25", update["close"]!.GetValue<string>());
    }
}
