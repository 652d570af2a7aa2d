using System.Net;
using PortfolioTracker.EndToEnd.Tests.Support;

namespace PortfolioTracker.EndToEnd.Tests;

[Collection(SuiteCollection.Name)]
public class TransactionIsolationOverJsonTests(SuiteFixture suite)
{
    private HttpClient Http => suite.Http;

    [Fact]
    public async Task EachUserListsOnlyTheirOwnTransactions()
    {
        var alice = await Http.SignUpAsync();
        var bob = await Http.SignUpAsync();
        await Http.CreateTransactionAsync(alice, Api.Buy("AAPL"));
        await Http.CreateTransactionAsync(alice, Api.Buy("MSFT"));
        await Http.CreateTransactionAsync(bob, Api.Buy("IBM"));

        using var aliceList = await Http.SendAsync(HttpMethod.Get, "/v1/transactions", alice.AccessToken);
        using var bobList = await Http.SendAsync(HttpMethod.Get, "/v1/transactions", bob.AccessToken);

        Assert.Equal(HttpStatusCode.OK, aliceList.StatusCode);
        var aliceSymbols = (await aliceList.ReadJsonAsync())["transactions"]!.AsArray().Select(t => t!["symbol"]!.GetValue<string>());
        var bobSymbols = (await bobList.ReadJsonAsync())["transactions"]!.AsArray().Select(t => t!["symbol"]!.GetValue<string>());
        Assert.Equal(["AAPL", "MSFT"], aliceSymbols.Order());
        Assert.Equal(["IBM"], bobSymbols);
    }

    [Fact]
    public async Task ACreatedTransactionComesBackExactlyAsSentInTheDefaultPortfolio()
    {
        var alice = await Http.SignUpAsync();

        var created = await Http.CreateTransactionAsync(alice, Api.Buy("aapl", quantity: "12.5", price: "150.75"));

        Assert.True(Guid.TryParse(created["id"]!.GetValue<string>(), out _));
        Assert.Equal("BUY", created["transactionType"]!.GetValue<string>());
        Assert.Equal("AAPL", created["symbol"]!.GetValue<string>());
        Assert.Equal("12.5", created["quantity"]!.GetValue<string>());
        Assert.Equal("150.75", created["price"]!.GetValue<string>());
        Assert.Equal("0.99", created["commission"]!.GetValue<string>());
        Assert.Equal("2024-01-15", created["date"]!.GetValue<string>());
        Assert.Equal("", created["notes"]!.GetValue<string>()); // written even when empty

        using var portfolios = await Http.SendAsync(HttpMethod.Get, "/v1/portfolios", alice.AccessToken);
        var list = (await portfolios.ReadJsonAsync())["portfolios"]!.AsArray();
        var only = Assert.Single(list);
        Assert.True(only!["isDefault"]!.GetValue<bool>());
        Assert.Equal(only["id"]!.GetValue<string>(), created["portfolioId"]!.GetValue<string>());
    }

    [Fact]
    public async Task AnotherUsersTransactionIsNotFoundAndStaysUntouched()
    {
        var alice = await Http.SignUpAsync();
        var bob = await Http.SignUpAsync();
        var id = (await Http.CreateTransactionAsync(alice, Api.Buy()))["id"]!.GetValue<string>();

        using var bobGet = await Http.SendAsync(HttpMethod.Get, $"/v1/transactions/{id}", bob.AccessToken);
        using var bobDelete = await Http.SendAsync(HttpMethod.Delete, $"/v1/transactions/{id}", bob.AccessToken);

        Assert.Equal(HttpStatusCode.NotFound, bobGet.StatusCode);
        Assert.Equal(5, (await bobGet.ReadJsonAsync())["code"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.NotFound, bobDelete.StatusCode);
        using var aliceGet = await Http.SendAsync(HttpMethod.Get, $"/v1/transactions/{id}", alice.AccessToken);
        Assert.Equal(HttpStatusCode.OK, aliceGet.StatusCode);
        Assert.Equal(1, await suite.CountAsync("select count(*) from transactions where id = $1 and user_id = $2", Guid.Parse(id), alice.Id));
    }

    [Fact]
    public async Task TheOwnerCanDeleteTheirTransaction()
    {
        var alice = await Http.SignUpAsync();
        var id = (await Http.CreateTransactionAsync(alice, Api.Buy()))["id"]!.GetValue<string>();

        using var delete = await Http.SendAsync(HttpMethod.Delete, $"/v1/transactions/{id}", alice.AccessToken);
        using var get = await Http.SendAsync(HttpMethod.Get, $"/v1/transactions/{id}", alice.AccessToken);

        Assert.Equal(HttpStatusCode.OK, delete.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.Equal(0, await suite.CountAsync("select count(*) from transactions where id = $1", Guid.Parse(id)));
    }

    [Fact]
    public async Task ListingPagesThroughEveryTransactionOnce()
    {
        var alice = await Http.SignUpAsync();
        for (var i = 0; i < 5; i++)
        {
            await Http.CreateTransactionAsync(alice, Api.Buy($"SYM{i}"));
        }

        var seen = new List<string>();
        var pageToken = "";
        do
        {
            using var page = await Http.SendAsync(HttpMethod.Get, $"/v1/transactions?pageSize=2&pageToken={pageToken}", alice.AccessToken);
            var body = await page.ReadJsonAsync();
            seen.AddRange(body["transactions"]!.AsArray().Select(t => t!["id"]!.GetValue<string>()));
            pageToken = body["nextPageToken"]!.GetValue<string>();
        }
        while (pageToken.Length > 0);

        Assert.Equal(5, seen.Count);
        Assert.Equal(5, seen.Distinct().Count());
    }
}
