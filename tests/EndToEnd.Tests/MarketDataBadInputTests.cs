using System.Net;
using PortfolioTracker.EndToEnd.Tests.Support;

namespace PortfolioTracker.EndToEnd.Tests;

/// <summary>Every market-data route answers bad input with a 400 naming the field, and stores nothing.</summary>
[Collection(SuiteCollection.Name)]
public class MarketDataBadInputTests(SuiteFixture suite)
{
    public static TheoryData<string, string> BadReads => new()
    {
        { "/v1/stocks/" + new string('X', 30), "symbol" },
        { "/v1/stocks?pageSize=-1", "pageSize" },
        { "/v1/prices/AAPL?from=2024-13-01", "from" },
        { "/v1/prices/AAPL?from=2024-02-01&to=2024-01-01", "from" },
        { "/v1/prices/AAPL/latest?asOf=yesterday", "asOf" },
        { "/v1/fx/usd/EUR", "from" },
        { "/v1/fx/USD/EUR?date=2024-02-30", "date" },
        { "/v1/financials/" + new string('X', 30), "symbol" },
        { "/v1/prices:stream", "symbols" },
    };

    [Theory]
    [MemberData(nameof(BadReads))]
    public async Task ABadReadIsA400NamingTheField(string path, string field)
    {
        var user = await suite.Http.SignUpAsync();

        using var response = await suite.Http.SendAsync(HttpMethod.Get, path, user.AccessToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal([field], Api.ViolatedFields(await response.ReadJsonAsync()));
    }

    [Fact]
    public async Task APageSizeAboveTheMaximumAnswersTheMaximumPage()
    {
        var user = await suite.Http.SignUpAsync();
        var prefix = "PG" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        await using (var insert = suite.Superuser.CreateCommand(
            "insert into stocks (symbol, currency) select $1 || lpad(n::text, 3, '0'), 'USD' from generate_series(1, 101) n"))
        {
            insert.Parameters.Add(new Npgsql.NpgsqlParameter { Value = prefix });
            await insert.ExecuteNonQueryAsync();
        }

        using var response = await suite.Http.SendAsync(HttpMethod.Get, $"/v1/stocks?query={prefix}&pageSize=1000", user.AccessToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var stocks = (await response.ReadJsonAsync())["stocks"]!.AsArray();
        Assert.Equal(100, stocks.Count);
    }

    public static TheoryData<string, string, string> BadWrites => new()
    {
        { "/v1/admin/stocks", """{"symbol":"BADSTOCK","companyName":"X","currency":"dollars"}""", "currency" },
        { "/v1/admin/stocks", """{"symbol":"","currency":"USD"}""", "symbol" },
        { "/v1/admin/fx:import", """{"fromCurrency":"BDA","toCurrency":"BDA","rates":[{"date":"2024-01-02","rate":"1.1"}]}""", "toCurrency" },
        { "/v1/admin/fx:import", """{"fromCurrency":"BDA","toCurrency":"BDB","rates":[{"date":"2024-01-02","rate":"-1"}]}""", "rates[0].rate" },
        { "/v1/admin/fx:import", """{"fromCurrency":"BDA","toCurrency":"BDB","rates":[]}""", "rates" },
        { "/v1/admin/prices:import", """{"symbol":"BADBARS","currency":"USD","bars":[{"date":"2024-01-02","open":"1","high":"1","low":"1","close":"1","volume":-5}]}""", "bars[0].volume" },
        { "/v1/admin/prices:import", """{"symbol":"BADBARS","currency":"USD","bars":[]}""", "bars" },
        { "/v1/admin/ingest", """{"symbols":[]}""", "symbols" },
    };

    [Theory]
    [MemberData(nameof(BadWrites))]
    public async Task ABadAdminWriteIsA400NamingTheFieldAndStoresNothing(string path, string json, string field)
    {
        var token = await ServiceToken.MintAsync(suite);
        var content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        var stocks = await suite.CountAsync("select count(*) from stocks");
        var rates = await suite.CountAsync("select count(*) from forex_rates where from_currency = 'BDA'");
        var bars = await suite.CountAsync("select count(*) from historical_prices where symbol = 'BADBARS'");

        using var response = await suite.Http.SendAsync(HttpMethod.Post, path, token, content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(field, Api.ViolatedFields(await response.ReadJsonAsync()));
        Assert.Equal(stocks, await suite.CountAsync("select count(*) from stocks"));
        Assert.Equal(rates, await suite.CountAsync("select count(*) from forex_rates where from_currency = 'BDA'"));
        Assert.Equal(bars, await suite.CountAsync("select count(*) from historical_prices where symbol = 'BADBARS'"));
    }
}
