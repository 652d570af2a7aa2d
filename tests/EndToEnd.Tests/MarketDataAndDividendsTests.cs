using System.Net;
using PortfolioTracker.EndToEnd.Tests.Support;

namespace PortfolioTracker.EndToEnd.Tests;

[Collection(SuiteCollection.Name)]
public class MarketDataAndDividendsTests(SuiteFixture suite)
{
    [Fact]
    public async Task ASignedInUserReadsStockMasterData()
    {
        var symbol = "T" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        await suite.CountAsync(
            "with s as (insert into stocks (symbol, company_name, exchange, currency) values ($1, 'Test Corp', 'NYSE', 'USD') returning 1) select count(*) from s",
            symbol);
        var user = await suite.Http.SignUpAsync();

        using var found = await suite.Http.SendAsync(HttpMethod.Get, $"/v1/stocks/{symbol.ToLowerInvariant()}", user.AccessToken);
        using var missing = await suite.Http.SendAsync(HttpMethod.Get, "/v1/stocks/NOSUCHSYMBOL", user.AccessToken);
        using var anonymous = await suite.Http.SendAsync(HttpMethod.Get, $"/v1/stocks/{symbol}", null);

        Assert.Equal(HttpStatusCode.OK, found.StatusCode);
        var stock = await found.ReadJsonAsync();
        Assert.Equal(symbol, stock["symbol"]!.GetValue<string>());
        Assert.Equal("Test Corp", stock["companyName"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Fact]
    public async Task EachUserListsOnlyTheirOwnDividends()
    {
        var alice = await suite.Http.SignUpAsync();
        var bob = await suite.Http.SignUpAsync();
        await suite.CountAsync(
            """
            with d as (
                insert into user_dividends (user_id, symbol, ex_date, pay_date, amount, currency, shares_held_at_ex_date, total_amount)
                values ($1, 'IBM', '2024-02-08', '2024-03-09', 1.66, 'USD', 10, 16.60) returning 1)
            select count(*) from d
            """,
            alice.Id);

        using var aliceList = await suite.Http.SendAsync(HttpMethod.Get, "/v1/dividends", alice.AccessToken);
        using var bobList = await suite.Http.SendAsync(HttpMethod.Get, "/v1/dividends", bob.AccessToken);

        var dividend = Assert.Single((await aliceList.ReadJsonAsync())["dividends"]!.AsArray());
        Assert.Equal("16.60", dividend!["totalAmount"]!.GetValue<string>());
        Assert.Equal("pending", dividend["status"]!.GetValue<string>());
        Assert.Empty((await bobList.ReadJsonAsync())["dividends"]!.AsArray());
    }

    [Fact]
    public async Task AnUnknownDividendStatusIsA400NamingStatus()
    {
        var alice = await suite.Http.SignUpAsync();

        using var response = await suite.Http.SendAsync(HttpMethod.Get, "/v1/dividends?status=paid", alice.AccessToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["status"], Api.ViolatedFields(await response.ReadJsonAsync()));
    }
}
