using System.Net;
using PortfolioTracker.EndToEnd.Tests.Support;

namespace PortfolioTracker.EndToEnd.Tests;

/// <summary>Holdings follow every change in the same database transaction; imports are all or nothing.</summary>
[Collection(SuiteCollection.Name)]
public class HoldingsAndImportTests(SuiteFixture suite)
{
    private HttpClient Http => suite.Http;

    private static Dictionary<string, object?> Trade(string type, string quantity, string price, string date, string symbol = "HOLD") => new()
    {
        ["transactionType"] = type,
        ["symbol"] = symbol,
        ["quantity"] = quantity,
        ["price"] = price,
        ["date"] = date,
        ["currency"] = "USD",
    };

    private async Task<(string Quantity, string AveragePrice)> HoldingAsync(TestUser user, string symbol)
    {
        using var response = await Http.SendAsync(HttpMethod.Get, "/v1/holdings?includeClosed=true", user.AccessToken);
        var holding = (await response.ReadJsonAsync())["holdings"]!.AsArray().Single(h => h!["symbol"]!.GetValue<string>() == symbol)!;
        return (holding["quantity"]!.GetValue<string>(), holding["averagePrice"]!.GetValue<string>());
    }

    [Fact]
    public async Task HoldingsFollowCreatesUpdatesAndDeletes()
    {
        var user = await Http.SignUpAsync();
        await Http.CreateTransactionAsync(user, Trade("BUY", "10", "100", "2024-01-02"));
        var second = await Http.CreateTransactionAsync(user, Trade("BUY", "30", "120", "2024-02-01"));
        await Http.CreateTransactionAsync(user, Trade("SELL", "20", "150", "2024-03-01"));
        var afterTrades = await HoldingAsync(user, "HOLD");

        using var update = await Http.SendAsync(HttpMethod.Patch, $"/v1/transactions/{second["id"]!.GetValue<string>()}", user.AccessToken, new { price = "140" });
        var afterUpdate = await HoldingAsync(user, "HOLD");

        Assert.Equal(("20", "115"), afterTrades); // (10×100 + 30×120) / 40
        Assert.Equal(HttpStatusCode.OK, update.StatusCode);
        Assert.Equal(("20", "130"), afterUpdate); // (10×100 + 30×140) / 40
    }

    [Fact]
    public async Task SellingMoreThanHeldIsRefusedAndNothingChanges()
    {
        var user = await Http.SignUpAsync();
        await Http.CreateTransactionAsync(user, Trade("BUY", "10", "100", "2024-01-02"));

        using var oversell = await Http.SendAsync(HttpMethod.Post, "/v1/transactions", user.AccessToken, Trade("SELL", "11", "100", "2024-02-01"));

        Assert.Equal(HttpStatusCode.BadRequest, oversell.StatusCode);
        Assert.Equal(["quantity"], Api.ViolatedFields(await oversell.ReadJsonAsync()));
        Assert.Equal(1, await suite.CountAsync("select count(*) from transactions where user_id = $1", user.Id));
        Assert.Equal(("10", "100"), await HoldingAsync(user, "HOLD"));
    }

    [Fact]
    public async Task DeletingTheBuyUnderASaleIsRefused()
    {
        var user = await Http.SignUpAsync();
        var buy = await Http.CreateTransactionAsync(user, Trade("BUY", "10", "100", "2024-01-02"));
        await Http.CreateTransactionAsync(user, Trade("SELL", "5", "100", "2024-02-01"));

        using var delete = await Http.SendAsync(HttpMethod.Delete, $"/v1/transactions/{buy["id"]!.GetValue<string>()}", user.AccessToken);

        Assert.Equal(HttpStatusCode.BadRequest, delete.StatusCode);
        Assert.Equal(2, await suite.CountAsync("select count(*) from transactions where user_id = $1", user.Id));
    }

    [Fact]
    public async Task ACsvImportStoresEveryRowAndTheHoldings()
    {
        var user = await Http.SignUpAsync();
        const string csv = """
            type,symbol,quantity,price,date,currency,commission,notes
            BUY,IMPA,10,50,2024-01-02,USD,1,first
            BUY,IMPA,10,70,2024-01-03,USD,1,
            SELL,IMPA,5,80,2024-01-04,USD,1,
            """;

        using var response = await Http.SendAsync(HttpMethod.Post, "/v1/transactions:import", user.AccessToken, new { content = csv });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(3, (await response.ReadJsonAsync())["imported"]!.GetValue<int>());
        Assert.Equal(("15", "60"), await HoldingAsync(user, "IMPA"));
    }

    [Fact]
    public async Task AnImportWithOneBadRowStoresNothingAndNamesTheRow()
    {
        var user = await Http.SignUpAsync();
        const string csv = """
            type,symbol,quantity,price,date,currency
            BUY,IMPB,10,50,2024-01-02,USD
            BUY,IMPB,-3,50,2024-01-03,usd
            BUY,IMPB,10,50,2024-01-04,USD
            """;

        using var response = await Http.SendAsync(HttpMethod.Post, "/v1/transactions:import", user.AccessToken, new { content = csv });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["rows[2].currency", "rows[2].quantity"], Api.ViolatedFields(await response.ReadJsonAsync()).Order());
        Assert.Equal(0, await suite.CountAsync("select count(*) from transactions where user_id = $1", user.Id));
        Assert.Equal(0, await suite.CountAsync("select count(*) from holdings where user_id = $1", user.Id));
    }

    [Fact]
    public async Task AnImportThatOversellsNamesTheRowAndStoresNothing()
    {
        var user = await Http.SignUpAsync();
        const string csv = """
            type,symbol,quantity,price,date,currency
            BUY,IMPC,10,50,2024-01-02,USD
            SELL,IMPC,20,50,2024-01-03,USD
            """;

        using var response = await Http.SendAsync(HttpMethod.Post, "/v1/transactions:import", user.AccessToken, new { content = csv });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["rows[2].quantity"], Api.ViolatedFields(await response.ReadJsonAsync()));
        Assert.Equal(0, await suite.CountAsync("select count(*) from transactions where user_id = $1", user.Id));
    }

    [Fact]
    public async Task PortfoliosCanBeCreatedRenamedAndDeletedWithTheirTransactions()
    {
        var user = await Http.SignUpAsync();
        using var created = await Http.SendAsync(HttpMethod.Post, "/v1/portfolios", user.AccessToken, new { name = "Pension" });
        var id = (await created.ReadJsonAsync())["id"]!.GetValue<string>();
        var inIt = Trade("BUY", "1", "10", "2024-01-02");
        inIt["portfolioId"] = id;
        await Http.CreateTransactionAsync(user, inIt);

        using var renamed = await Http.SendAsync(HttpMethod.Patch, $"/v1/portfolios/{id}", user.AccessToken, new { name = "Retirement" });
        using var deleted = await Http.SendAsync(HttpMethod.Delete, $"/v1/portfolios/{id}", user.AccessToken);

        Assert.Equal("Retirement", (await renamed.ReadJsonAsync())["name"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.Equal(0, await suite.CountAsync("select count(*) from transactions where user_id = $1", user.Id));
    }

    [Fact]
    public async Task TheDefaultPortfolioCannotBeDeletedAndAnotherUsersIsNotFound()
    {
        var alice = await Http.SignUpAsync();
        var bob = await Http.SignUpAsync();
        using var list = await Http.SendAsync(HttpMethod.Get, "/v1/portfolios", alice.AccessToken);
        var defaultId = (await list.ReadJsonAsync())["portfolios"]![0]!["id"]!.GetValue<string>();

        using var own = await Http.SendAsync(HttpMethod.Delete, $"/v1/portfolios/{defaultId}", alice.AccessToken);
        using var foreign = await Http.SendAsync(HttpMethod.Patch, $"/v1/portfolios/{defaultId}", bob.AccessToken, new { name = "Mine now" });

        Assert.Equal(HttpStatusCode.BadRequest, own.StatusCode); // FAILED_PRECONDITION
        Assert.Equal(9, (await own.ReadJsonAsync())["code"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Equal(1, await suite.CountAsync("select count(*) from portfolios where id = $1 and name = 'Default'", Guid.Parse(defaultId)));
    }
}
