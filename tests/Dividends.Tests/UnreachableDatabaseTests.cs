using Google.Rpc;

namespace PortfolioTracker.Dividends.Tests;

/// <summary>A database that stays out of reach is a 503 UNAVAILABLE with a time to retry, never a 500.</summary>
public sealed class UnreachableDatabaseTests(UnreachableDatabaseHarness harness) : IClassFixture<UnreachableDatabaseHarness>
{
    [Fact]
    public async Task AJsonRequestIsUnavailableWithRetryAfter()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/dividends");
        request.Headers.Authorization = new("Bearer", harness.Tokens.ForUser(Guid.NewGuid()));

        using var response = await harness.Http.SendAsync(request);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero, response.Headers.ToString());
        Assert.True(RpcStatusJson.IsStatus(body, 14), body.ToJsonString());
        Assert.DoesNotContain("Npgsql", body.ToJsonString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task AGrpcCallIsUnavailableWithRetryInfo()
    {
        var client = new DividendService.DividendServiceClient(harness.Grpc);

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await client.ListDividendsAsync(new ListDividendsRequest(), harness.UserHeaders()));

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        var retry = error.GetRpcStatus()?.GetDetail<RetryInfo>();
        Assert.NotNull(retry);
        Assert.True(retry.RetryDelay.ToTimeSpan() > TimeSpan.Zero);
    }
}
