using System.Net;
using PortfolioTracker.EndToEnd.Tests.Support;
using PortfolioTracker.Protos.Dividends.V1;

namespace PortfolioTracker.EndToEnd.Tests;

/// <summary>
/// Dividends through the real gateway and AppHost: the new routes reach the service, which reads
/// the ledger from Portfolio and the events from MarketData with the caller's own token; a
/// confirmed dividend is in the Portfolio summary at once. (Entitlement, decisions, income and
/// isolation in detail: tests/Dividends.Tests, with the three services in process.)
/// </summary>
[Collection(SuiteCollection.Name)]
public class DividendsThroughGatewayTests(SuiteFixture suite)
{
    private async Task<(TestUser User, string Symbol)> HolderOfAPayerAsync()
    {
        var token = await ServiceToken.MintAsync(suite);
        var symbol = GrpcCalls.NewSymbol("V");
        using var events = await suite.Http.SendAsync(HttpMethod.Post, "/v1/admin/dividends:import", token,
            new { symbol, currency = "USD", events = new[] { new { exDate = "2024-02-09", payDate = "2024-02-15", amount = "0.24" } } });
        Assert.True(events.StatusCode == HttpStatusCode.OK, $"events import answered {(int)events.StatusCode}: {await events.ReadJsonAsync()}");
        using var prices = await suite.Http.SendAsync(HttpMethod.Post, "/v1/admin/prices:import", token, new
        {
            symbol, currency = "USD",
            bars = new[] { new { date = "2024-02-01", open = "100", high = "100", low = "100", close = "100", adjustedClose = "100", volume = 1000 } },
        });
        Assert.Equal(HttpStatusCode.OK, prices.StatusCode);
        var user = await suite.Http.SignUpAsync();
        foreach (var (quantity, date) in new[] { ("10", "2024-02-01"), ("5", "2024-02-09") })
        {
            using var buy = await suite.Http.SendAsync(HttpMethod.Post, "/v1/transactions", user.AccessToken,
                new { transactionType = "BUY", symbol, quantity, price = "100", date, currency = "USD" });
            Assert.Equal(HttpStatusCode.OK, buy.StatusCode);
        }
        return (user, symbol);
    }

    [Fact]
    public async Task ASyncedDividendConfirmedOverGrpcIsInTheSummaryAtOnce()
    {
        var (user, symbol) = await HolderOfAPayerAsync();

        using var sync = await suite.Http.SendAsync(HttpMethod.Post, "/v1/dividends:sync", user.AccessToken, new { });
        Assert.Equal(HttpStatusCode.OK, sync.StatusCode);
        Assert.Equal(1, (await sync.ReadJsonAsync())["created"]!.GetValue<int>());
        using var list = await suite.Http.SendAsync(HttpMethod.Get, $"/v1/dividends?symbol={symbol}", user.AccessToken);
        var row = Assert.Single((await list.ReadJsonAsync())["dividends"]!.AsArray());
        Assert.Equal("10", row!["sharesHeldAtExDate"]!.GetValue<string>()); // the 5 bought on the ex-date are not owed

        var client = new DividendService.DividendServiceClient(suite.Grpc);
        var confirmed = await client.ConfirmDividendAsync(new DividendDecisionRequest { Id = row["id"]!.GetValue<string>() }, user.Bearer());

        Assert.Equal("confirmed", confirmed.Status);
        using var summary = await suite.Http.SendAsync(HttpMethod.Get, "/v1/portfolio/summary?baseCurrency=USD", user.AccessToken);
        Assert.Equal(2.40m, GrpcCalls.Amount((await summary.ReadJsonAsync())["dividends"]!.GetValue<string>()));
        using var income = await suite.Http.SendAsync(HttpMethod.Get, "/v1/dividends/income?baseCurrency=USD&year=2024", user.AccessToken);
        Assert.Equal(2.40m, GrpcCalls.Amount((await income.ReadJsonAsync())["gross"]!.GetValue<string>()));
    }

    [Fact]
    public async Task AnotherUsersDividendIsNotFoundThroughTheGateway()
    {
        var (owner, _) = await HolderOfAPayerAsync();
        using (var sync = await suite.Http.SendAsync(HttpMethod.Post, "/v1/dividends:sync", owner.AccessToken, new { }))
        {
            Assert.Equal(HttpStatusCode.OK, sync.StatusCode);
        }
        using var list = await suite.Http.SendAsync(HttpMethod.Get, "/v1/dividends", owner.AccessToken);
        var id = Assert.Single((await list.ReadJsonAsync())["dividends"]!.AsArray())!["id"]!.GetValue<string>();
        var stranger = await suite.Http.SignUpAsync();

        using var confirm = await suite.Http.SendAsync(HttpMethod.Post, $"/v1/dividends/{id}:confirm", stranger.AccessToken, new { });
        var overGrpc = await new DividendService.DividendServiceClient(suite.Grpc)
            .GetDividendAsync(new GetDividendRequest { Id = id }, stranger.Bearer()).RefusedAsync();

        Assert.Equal(HttpStatusCode.NotFound, confirm.StatusCode);
        Assert.Equal(Grpc.Core.StatusCode.NotFound, overGrpc.StatusCode);
    }
}
