namespace PortfolioTracker.Gateway.Tests.RateLimiting;

/// <summary>With Redis gone the gateway keeps serving, limits per instance, and says so once.</summary>
public sealed class RedisOutageTests(RateLimitHarness harness) : IClassFixture<RateLimitHarness>
{
    private const string OutageLog = "rate limits are now kept per gateway instance";

    [Fact]
    public async Task WithRedisDownRequestsAreServedAndLimitedPerInstanceAndTheLogSaysSoOnce()
    {
        await harness.StopRedisAsync();
        var token = harness.GatewayToken();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < RateLimitHarness.Budget + 3; i++)
        {
            using var response = await RateLimitHarness.GetAsync(harness.Http, "/v1/holdings", token);
            statuses.Add(response.StatusCode);
        }
        using var refused = await RateLimitHarness.GetAsync(harness.Http, "/v1/holdings", token);
        var body = JsonNode.Parse(await refused.Content.ReadAsStringAsync())!.AsObject();

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.OK, RateLimitHarness.Budget), statuses.Take(RateLimitHarness.Budget));
        Assert.All(statuses.Skip(RateLimitHarness.Budget), status => Assert.Equal(HttpStatusCode.TooManyRequests, status));
        Assert.NotNull(refused.Headers.RetryAfter?.Delta);
        Assert.True(RpcStatusJson.IsStatus(body, 8), body.ToJsonString());
        Assert.Single(harness.Logs.Messages, message => message.Contains(OutageLog, StringComparison.Ordinal));
    }
}
