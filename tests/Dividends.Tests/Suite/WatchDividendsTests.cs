namespace PortfolioTracker.Dividends.Tests.Suite;

/// <summary><c>WatchDividends</c> and <c>GET /v1/dividends:watch</c>: new pending dividends of the caller only.</summary>
[Collection(DividendSuiteCollection.Name)]
public sealed class WatchDividendsTests(DividendSuiteHarness suite)
{
    [Fact]
    public async Task AWatchStreamsTheCallersNewPendingDividendsAndNeverAnotherUsers()
    {
        Guid alice = await suite.AddUserAsync(), bob = await suite.AddUserAsync();
        string aliceSymbol = DividendSuiteHarness.NewSymbol(), bobSymbol = DividendSuiteHarness.NewSymbol();
        await suite.ImportEventsAsync(aliceSymbol, "USD", DividendSuiteHarness.Event("2024-02-09", "0.24", "2024-02-15"));
        await suite.ImportEventsAsync(bobSymbol, "USD", DividendSuiteHarness.Event("2024-02-09", "0.50", "2024-02-15"));
        await suite.TransactAsync(alice, "BUY", aliceSymbol, "10", "100", "2024-02-01");
        await suite.TransactAsync(bob, "BUY", bobSymbol, "10", "100", "2024-02-01");
        var client = new DividendService.DividendServiceClient(suite.Grpc);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var watch = client.WatchDividends(new WatchDividendsRequest(), suite.UserHeaders(alice), cancellationToken: timeout.Token);
        await watch.ResponseHeadersAsync; // the watch is registered: what is created from now on reaches it

        await suite.SyncAsync(bob);
        await suite.SyncAsync(alice);

        Assert.True(await watch.ResponseStream.MoveNext(timeout.Token));
        var first = watch.ResponseStream.Current;
        Assert.Equal((aliceSymbol, "pending", "10", "2.40"), (first.Symbol, first.Status, first.SharesHeldAtExDate, first.TotalAmount));
        Assert.Equal(Assert.Single(await suite.DividendsAsync(alice))!["id"]!.GetValue<string>(), first.Id);
    }

    [Fact]
    public async Task TheHttpWatchNeedsAToken()
    {
        var (status, body) = await suite.SendJsonAsync(HttpMethod.Get, "/v1/dividends:watch", body: null, token: null);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal(16, body["code"]!.GetValue<int>());
    }
}
