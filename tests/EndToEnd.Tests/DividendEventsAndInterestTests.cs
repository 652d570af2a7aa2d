using System.Net;
using PortfolioTracker.EndToEnd.Tests.Support;
using PortfolioTracker.Protos.MarketData.V1;
using PortfolioTracker.Protos.Portfolio.V1;

namespace PortfolioTracker.EndToEnd.Tests;

/// <summary>
/// Through the gateway: dividend events imported by the service role and read by a user over
/// JSON and in one native gRPC batch; INTEREST and TAX rows reaching the summary.
/// </summary>
[Collection(SuiteCollection.Name)]
public class DividendEventsAndInterestTests(SuiteFixture suite)
{
    private HttpClient Http => suite.Http;

    [Fact]
    public async Task DividendEventsImportedByTheServiceRoleAreReadByAUserOverJsonAndInOneGrpcBatch()
    {
        var service = await ServiceToken.MintAsync(suite);
        string symbol = GrpcCalls.NewSymbol("DV"), other = GrpcCalls.NewSymbol("DW");
        var user = await Http.SignUpAsync();
        var body = new
        {
            symbol,
            currency = "EUR",
            events = new[]
            {
                new { exDate = "2024-04-25", payDate = "2024-05-02", amount = "1.75" },
                new { exDate = "2025-04-24", payDate = "2025-05-02", amount = "1.85" },
            },
        };

        using var imported = await Http.SendAsync(HttpMethod.Post, "/v1/admin/dividends:import", service, body);
        using var refused = await Http.SendAsync(HttpMethod.Post, "/v1/admin/dividends:import", user.AccessToken, body);
        using var read = await Http.SendAsync(HttpMethod.Get, $"/v1/stocks/{symbol}/dividends?from=2025-01-01", user.AccessToken);
        var request = new GetDividendEventsBatchRequest();
        request.Symbols.Add([symbol, other]);
        var batch = await new DividendEventService.DividendEventServiceClient(suite.Grpc).GetDividendEventsBatchAsync(request, user.Bearer());

        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        Assert.Equal(2, (await imported.ReadJsonAsync())["upserted"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        var events = (await read.ReadJsonAsync())["events"]!.AsArray();
        Assert.Equal(["2025-04-24"], events.Select(e => e!["exDate"]!.GetValue<string>()));
        Assert.Equal("1.85", events[0]!["amount"]!.GetValue<string>());
        Assert.Equal("EUR", events[0]!["currency"]!.GetValue<string>());
        Assert.Equal([symbol, other], batch.Series.Select(s => s.Symbol));
        Assert.Equal(["2024-04-25", "2025-04-24"], batch.Series[0].Events.Select(e => e.ExDate));
        Assert.Empty(batch.Series[1].Events);
    }

    [Fact]
    public async Task InterestIsItsOwnSummaryFigureAndATaxCountsAsAFeeOverJsonAndGrpc()
    {
        var user = await Http.SignUpAsync();
        Dictionary<string, object?> Cash(string type, string amount, string date) => new()
        {
            ["transactionType"] = type, ["quantity"] = "1", ["price"] = amount, ["date"] = date, ["currency"] = "USD",
        };
        await Http.CreateTransactionAsync(user, Cash("DEPOSIT", "1000", "2024-01-02"));
        await Http.CreateTransactionAsync(user, Cash("INTEREST", "12.5", "2024-01-31"));
        await Http.CreateTransactionAsync(user, Cash("TAX", "2.5", "2024-02-01"));

        using var response = await Http.SendAsync(HttpMethod.Get, "/v1/portfolio/summary?asOf=2024-02-02&baseCurrency=USD", user.AccessToken);
        var summary = await response.ReadJsonAsync();
        var overGrpc = await new MetricsService.MetricsServiceClient(suite.Grpc).GetSummaryAsync(
            new GetSummaryRequest { AsOf = "2024-02-02", BaseCurrency = "USD" }, user.Bearer());

        Assert.True(response.StatusCode == HttpStatusCode.OK, summary.Json());
        // Cash 1000 + 12.5 − 2.5 = 1010; the tax is a fee, so net performance is −2.5.
        Assert.Equal("12.5", summary["interest"]!.GetValue<string>());
        Assert.Equal("0", summary["dividends"]!.GetValue<string>());
        Assert.Equal("2.5", summary["fees"]!.GetValue<string>());
        Assert.Equal("-2.5", summary["netPerformance"]!.GetValue<string>());
        Assert.Equal("1010", summary["cashBalance"]!.GetValue<string>());
        Assert.Equal(("12.5", "2.5"), (overGrpc.Interest, overGrpc.Fees));
    }
}
