namespace PortfolioTracker.Dividends.Tests.Suite;

/// <summary>
/// <c>POST /v1/dividends:sync</c> and <c>SyncDividends</c> over the real Portfolio ledger and
/// MarketData events: shares owed at the close of the day before each ex-date, per portfolio.
/// </summary>
[Collection(DividendSuiteCollection.Name)]
public sealed class SyncEntitlementTests(DividendSuiteHarness suite)
{
    private static async Task<(Guid User, string Symbol)> PayerAsync(DividendSuiteHarness suite, string exDate = "2024-02-09", string amount = "0.24")
    {
        var user = await suite.AddUserAsync();
        var symbol = DividendSuiteHarness.NewSymbol();
        await suite.ImportEventsAsync(symbol, "USD", DividendSuiteHarness.Event(exDate, amount, "2024-02-15"));
        return (user, symbol);
    }

    [Fact]
    public async Task TenSharesBoughtBeforeTheExDateAndFiveOnItAreOwedOnTen()
    {
        var (user, symbol) = await PayerAsync(suite);
        await suite.TransactAsync(user, "BUY", symbol, "10", "100", "2024-02-01");
        await suite.TransactAsync(user, "BUY", symbol, "5", "100", "2024-02-09");

        var sync = await suite.SyncAsync(user);

        Assert.Equal(1, sync["created"]!.GetValue<int>());
        var row = Assert.Single(await suite.DividendsAsync(user));
        Assert.Equal("10", row!["sharesHeldAtExDate"]!.GetValue<string>());
        Assert.Equal("2.40", row["totalAmount"]!.GetValue<string>());
        Assert.Equal("pending", row["status"]!.GetValue<string>());
        Assert.Equal("2024-02-15", row["payDate"]!.GetValue<string>());
    }

    [Fact]
    public async Task SharesAllSoldTheDayBeforeTheExDateAreOwedNothing()
    {
        var (user, symbol) = await PayerAsync(suite);
        await suite.TransactAsync(user, "BUY", symbol, "10", "100", "2024-02-01");
        await suite.TransactAsync(user, "SELL", symbol, "10", "101", "2024-02-08");

        var sync = await suite.SyncAsync(user);

        Assert.Equal(0, sync["created"]!.GetValue<int>());
        Assert.Empty(await suite.DividendsAsync(user));
    }

    [Fact]
    public async Task SharesSoldOnTheExDateAreStillOwed()
    {
        var (user, symbol) = await PayerAsync(suite);
        await suite.TransactAsync(user, "BUY", symbol, "10", "100", "2024-02-01");
        await suite.TransactAsync(user, "SELL", symbol, "10", "101", "2024-02-09");

        await suite.SyncAsync(user);

        Assert.Equal("10", Assert.Single(await suite.DividendsAsync(user))!["sharesHeldAtExDate"]!.GetValue<string>());
    }

    [Fact]
    public async Task ATwoForOneSplitBetweenPurchaseAndExDateDoublesTheSharesOwed()
    {
        var (user, symbol) = await PayerAsync(suite);
        await suite.TransactAsync(user, "BUY", symbol, "10", "100", "2024-01-10");
        await suite.TransactAsync(user, "SPLIT", symbol, "2", "0", "2024-01-20");

        await suite.SyncAsync(user);

        var row = Assert.Single(await suite.DividendsAsync(user));
        Assert.Equal("20", row!["sharesHeldAtExDate"]!.GetValue<string>());
        Assert.Equal("4.80", row["totalAmount"]!.GetValue<string>());
    }

    [Fact]
    public async Task PositionsInTwoPortfoliosAreOwedPerPortfolio()
    {
        var (user, symbol) = await PayerAsync(suite);
        var second = await suite.NewPortfolioAsync(user, "Second");
        await suite.TransactAsync(user, "BUY", symbol, "10", "100", "2024-01-10");
        await suite.TransactAsync(user, "BUY", symbol, "3", "100", "2024-01-10", portfolioId: second);

        await suite.SyncAsync(user);

        var rows = await suite.DividendsAsync(user);
        Assert.Equal(["10", "3"], rows.Select(r => r!["sharesHeldAtExDate"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        Assert.Contains(rows, r => r!["portfolioId"]!.GetValue<string>() == second);
    }

    [Fact]
    public async Task ASecondSyncWithNothingNewCreatesNothingOverGrpcToo()
    {
        var (user, symbol) = await PayerAsync(suite);
        await suite.TransactAsync(user, "BUY", symbol, "10", "100", "2024-01-10");
        await suite.SyncAsync(user);
        var client = new DividendService.DividendServiceClient(suite.Grpc);

        var again = await client.SyncDividendsAsync(new SyncDividendsRequest(), suite.UserHeaders(user));

        Assert.Equal((0, 0, 0, 1), (again.Created, again.Updated, again.Removed, again.Unchanged));
        Assert.Single(await suite.DividendsAsync(user));
    }

    [Fact]
    public async Task ReSyncAfterAnEditKeepsTheEdit()
    {
        var (user, symbol) = await PayerAsync(suite);
        await suite.TransactAsync(user, "BUY", symbol, "10", "100", "2024-01-10");
        await suite.SyncAsync(user);
        var id = Assert.Single(await suite.DividendsAsync(user))!["id"]!.GetValue<string>();
        var (status, _) = await suite.AsUserAsync(user, HttpMethod.Patch, $"/v1/dividends/{id}", new { amount = "0.30", taxWithheld = "0.45" });
        Assert.Equal(HttpStatusCode.OK, status);
        await suite.TransactAsync(user, "BUY", symbol, "5", "100", "2024-01-20");

        var sync = await suite.SyncAsync(user);

        var row = Assert.Single(await suite.DividendsAsync(user));
        Assert.Equal(0, sync["updated"]!.GetValue<int>());
        Assert.Equal("edited", row!["status"]!.GetValue<string>());
        Assert.Equal("0.30", row["amount"]!.GetValue<string>());
        Assert.Equal("10", row["sharesHeldAtExDate"]!.GetValue<string>());
    }

    [Fact]
    public async Task ReSyncAfterABuyIsAddedRecomputesThePendingRow()
    {
        var (user, symbol) = await PayerAsync(suite);
        await suite.TransactAsync(user, "BUY", symbol, "10", "100", "2024-01-10");
        await suite.SyncAsync(user);
        await suite.TransactAsync(user, "BUY", symbol, "5", "100", "2024-01-20");

        var sync = await suite.SyncAsync(user);

        Assert.Equal(1, sync["updated"]!.GetValue<int>());
        var row = Assert.Single(await suite.DividendsAsync(user));
        Assert.Equal("15", row!["sharesHeldAtExDate"]!.GetValue<string>());
        Assert.Equal("3.60", row["totalAmount"]!.GetValue<string>());
    }

    [Fact]
    public async Task ReSyncAfterDeletingTheBuyRemovesThePendingRow()
    {
        var (user, symbol) = await PayerAsync(suite);
        var buy = await suite.TransactAsync(user, "BUY", symbol, "10", "100", "2024-01-10");
        await suite.SyncAsync(user);
        Assert.Single(await suite.DividendsAsync(user));
        var (deleted, _) = await suite.SendJsonPortfolioAsync(user, HttpMethod.Delete, $"/v1/transactions/{buy["id"]!.GetValue<string>()}");
        Assert.Equal(HttpStatusCode.OK, deleted);

        var sync = await suite.SyncAsync(user);

        Assert.Equal(1, sync["removed"]!.GetValue<int>());
        Assert.Empty(await suite.DividendsAsync(user));
    }
}
