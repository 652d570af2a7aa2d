using System.Net;
using System.Text.Json.Nodes;
using Grpc.Core;
using PortfolioTracker.EndToEnd.Tests.Support;
using PortfolioTracker.Protos.Portfolio.V1;

namespace PortfolioTracker.EndToEnd.Tests;

/// <summary>The watchlist through the gateway: add, list, update by re-adding, remove, isolation.</summary>
[Collection(SuiteCollection.Name)]
public class WatchlistTests(SuiteFixture suite)
{
    private async Task<JsonObject> AddAsync(TestUser user, object item)
    {
        using var response = await suite.Http.SendAsync(HttpMethod.Post, "/v1/watchlist", user.AccessToken, item);
        var body = await response.ReadJsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"add answered {(int)response.StatusCode}: {body}");
        return body;
    }

    private async Task<JsonArray> ListAsync(TestUser user)
    {
        using var response = await suite.Http.SendAsync(HttpMethod.Get, "/v1/watchlist", user.AccessToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.ReadJsonAsync())["items"]!.AsArray();
    }

    private Task<long> StoredItemsAsync(TestUser user) =>
        suite.CountAsync("select count(*) from watchlist where user_id = $1", user.Id);

    [Fact]
    public async Task SymbolsAreAddedListedInOrderUpdatedByAddingAgainAndRemoved()
    {
        var user = await suite.Http.SignUpAsync();

        var msft = await AddAsync(user, new { symbol = "MSFT", notes = "", targetPrice = "" });
        var aapl = await AddAsync(user, new { symbol = " aapl ", notes = "earnings in May", targetPrice = "200.50" });
        var updated = await AddAsync(user, new { symbol = "AAPL", notes = "wait for the split", targetPrice = "180" });
        var listed = await ListAsync(user);

        Assert.Equal("AAPL", aapl["symbol"]!.GetValue<string>());
        Assert.Equal("200.50", aapl["targetPrice"]!.GetValue<string>());
        Assert.Equal("", msft["targetPrice"]!.GetValue<string>());
        Assert.Equal("", msft["notes"]!.GetValue<string>());
        Assert.Equal(aapl["id"]!.GetValue<string>(), updated["id"]!.GetValue<string>());
        Assert.Equal("wait for the split", updated["notes"]!.GetValue<string>());
        Assert.Equal("180", updated["targetPrice"]!.GetValue<string>());
        Assert.Equal(["AAPL", "MSFT"], listed.Select(i => i!["symbol"]!.GetValue<string>()));
        Assert.Equal("wait for the split", listed[0]!["notes"]!.GetValue<string>());
        Assert.Equal(2, await StoredItemsAsync(user));

        using var removed = await suite.Http.SendAsync(HttpMethod.Delete, $"/v1/watchlist/{aapl["id"]}", user.AccessToken);
        using var again = await suite.Http.SendAsync(HttpMethod.Delete, $"/v1/watchlist/{aapl["id"]}", user.AccessToken);

        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Equal(["MSFT"], (await ListAsync(user)).Select(i => i!["symbol"]!.GetValue<string>()));
    }

    [Fact]
    public async Task AnotherUsersItemIsNotFoundAndStaysWhereItWas()
    {
        var alice = await suite.Http.SignUpAsync();
        var bob = await suite.Http.SignUpAsync();
        var item = await AddAsync(alice, new { symbol = "IBM", notes = "alice's", targetPrice = "150" });
        var id = item["id"]!.GetValue<string>();

        using var delete = await suite.Http.SendAsync(HttpMethod.Delete, $"/v1/watchlist/{id}", bob.AccessToken);
        var bobsList = await ListAsync(bob);

        Assert.Equal(HttpStatusCode.NotFound, delete.StatusCode);
        Assert.Empty(bobsList);
        Assert.Equal(1, await suite.CountAsync(
            "select count(*) from watchlist where id = $1 and user_id = $2 and notes = 'alice''s'", Guid.Parse(id), alice.Id));
    }

    [Fact]
    public async Task AnUnknownIdIsNotFoundAndAMalformedOneIsABadRequestNamingId()
    {
        var user = await suite.Http.SignUpAsync();

        using var unknown = await suite.Http.SendAsync(HttpMethod.Delete, $"/v1/watchlist/{Guid.NewGuid()}", user.AccessToken);
        using var malformed = await suite.Http.SendAsync(HttpMethod.Delete, "/v1/watchlist/not-a-uuid", user.AccessToken);

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal(["id"], Api.ViolatedFields(await malformed.ReadJsonAsync()));
    }

    [Theory]
    [InlineData("", "", "", "symbol")]
    [InlineData("AA PL", "", "", "symbol")]
    [InlineData("ABCDEFGHIJKLMNOPQRSTU", "", "", "symbol")]
    [InlineData("AAPL", "1001", "", "notes")]
    [InlineData("AAPL", "", "0", "targetPrice")]
    [InlineData("AAPL", "", "-5", "targetPrice")]
    [InlineData("AAPL", "", "cheap", "targetPrice")]
    public async Task ABadFieldIsNamedAndNothingIsStored(string symbol, string notes, string targetPrice, string field)
    {
        var user = await suite.Http.SignUpAsync();
        var body = new { symbol, notes = notes == "1001" ? new string('n', 1001) : notes, targetPrice };

        using var response = await suite.Http.SendAsync(HttpMethod.Post, "/v1/watchlist", user.AccessToken, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal([field], Api.ViolatedFields(await response.ReadJsonAsync()));
        Assert.Equal(0, await StoredItemsAsync(user));
    }

    [Fact]
    public async Task ABadReAddLeavesTheWatchedSymbolAsItWas()
    {
        var user = await suite.Http.SignUpAsync();
        await AddAsync(user, new { symbol = "NVDA", notes = "keep", targetPrice = "100" });

        using var response = await suite.Http.SendAsync(HttpMethod.Post, "/v1/watchlist", user.AccessToken,
            new { symbol = "NVDA", notes = "changed", targetPrice = "0" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(1, await suite.CountAsync(
            "select count(*) from watchlist where user_id = $1 and notes = 'keep' and target_price = 100", user.Id));
    }

    [Fact]
    public async Task NativeGrpcClientsSeeOnlyTheirOwnWatchlist()
    {
        var alice = await suite.Http.SignUpAsync();
        var bob = await suite.Http.SignUpAsync();
        var client = new WatchlistService.WatchlistServiceClient(suite.Grpc);
        Metadata Bearer(TestUser user) => new() { { "Authorization", $"Bearer {user.AccessToken}" } };

        var added = await client.AddToWatchlistAsync(new AddToWatchlistRequest { Symbol = "spy", TargetPrice = "600.25" }, Bearer(alice));
        var bobsList = await client.ListWatchlistAsync(new ListWatchlistRequest(), Bearer(bob));
        var removeAsBob = await Assert.ThrowsAsync<RpcException>(() =>
            client.RemoveFromWatchlistAsync(new RemoveFromWatchlistRequest { Id = added.Id }, Bearer(bob)).ResponseAsync);
        var alicesList = await client.ListWatchlistAsync(new ListWatchlistRequest(), Bearer(alice));

        Assert.Equal("SPY", added.Symbol);
        Assert.Empty(bobsList.Items);
        Assert.Equal(StatusCode.NotFound, removeAsBob.StatusCode);
        Assert.Equal(["600.25"], alicesList.Items.Select(i => i.TargetPrice));
    }
}
