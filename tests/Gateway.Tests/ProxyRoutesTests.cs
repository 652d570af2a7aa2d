namespace PortfolioTracker.Gateway.Tests;

/// <summary>YARP routes to the services and the error bodies the gateway writes itself.</summary>
public sealed class ProxyRoutesTests(GatewayHarness harness) : IClassFixture<GatewayHarness>
{
    [Theory]
    [InlineData("/v1/portfolios?pageSize=5")]
    [InlineData("/v1/portfolio/summary")]
    [InlineData("/v1/transactions:import")]
    [InlineData("/v1/exchanges/NYSE/holidays")]
    [InlineData("/v1/admin/prices:import")]
    public async Task ARouteReachesItsBackendWithTheCallersToken(string path)
    {
        var token = harness.Tokens.ForUser(Guid.NewGuid());

        var (status, echoed) = await harness.SendJsonAsync(HttpMethod.Get, path, body: null, token);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(path, echoed["path"]!.GetValue<string>());
        Assert.Equal("Bearer " + token, echoed["authorization"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("/v1/nothing-here")]
    [InlineData("/v1/dividends:nothing")]
    [InlineData("/v1/dividendsx/2024")]
    public async Task AnUnknownRouteIsANotFoundStatus(string path)
    {
        var (status, body) = await harness.SendJsonAsync(HttpMethod.Post, path, body: new { }, token: null);

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.True(RpcStatusJson.IsStatus(body, 5), body.ToJsonString());
    }

    [Fact]
    public async Task TheLedgerLinkServiceIsClosedToClientsOverNativeGrpcWhileOtherPortfolioServicesAreRouted()
    {
        var token = harness.Tokens.ForUser(Guid.NewGuid());

        var decision = await RawGrpc.CallAsync(harness.Grpc, "portfolio.v1.DividendLedgerService", "ApplyDividendDecision", token);
        var history = await RawGrpc.CallAsync(harness.Grpc, "portfolio.v1.DividendLedgerService", "GetShareHistory", token);
        // The recording backend answers JSON, which a gRPC client refuses: proof the call got there.
        var transactions = await RawGrpc.CallAsync(harness.Grpc, "portfolio.v1.TransactionService", "ListTransactions", token);

        Assert.Equal(Grpc.Core.StatusCode.Unimplemented, decision);
        Assert.Equal(Grpc.Core.StatusCode.Unimplemented, history);
        Assert.NotEqual(Grpc.Core.StatusCode.Unimplemented, transactions);
    }

    [Fact]
    public async Task AWrongMethodOnAnAuthRouteIsAStatusToo()
    {
        var (status, body) = await harness.SendJsonAsync(HttpMethod.Get, "/v1/auth/login", body: null, token: null);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, status);
        Assert.True(RpcStatusJson.IsStatus(body, 12), body.ToJsonString());
    }
}
