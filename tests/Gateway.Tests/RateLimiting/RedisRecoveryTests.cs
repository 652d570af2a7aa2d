namespace PortfolioTracker.Gateway.Tests.RateLimiting;

/// <summary>When Redis is back the budgets are shared again, and the log says so once.</summary>
public sealed class RedisRecoveryTests(RateLimitHarness harness) : IClassFixture<RateLimitHarness>
{
    private const string RecoveryLog = "rate limits are shared by every gateway instance again";

    [Fact]
    public async Task AfterRedisComesBackTheBudgetsAreSharedAgainAndTheLogSaysSoOnce()
    {
        await harness.StopRedisAsync();
        (await RateLimitHarness.GetAsync(harness.Http, "/v1/holdings", harness.GatewayToken())).Dispose();
        await using var restarted = await RedisServer.StartAsync(harness.Redis.Port);

        // The client reconnects by itself within seconds; requests keep being answered meanwhile.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!harness.Logs.Messages.Any(message => message.Contains(RecoveryLog, StringComparison.Ordinal)) && DateTime.UtcNow < deadline)
        {
            using var response = await RateLimitHarness.GetAsync(harness.Http, "/v1/holdings", harness.GatewayToken());
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            await Task.Delay(250);
        }
        await using var other = harness.StartAnotherGateway();
        using var otherHttp = other.CreateClient();
        var token = harness.GatewayToken();
        for (var i = 0; i < RateLimitHarness.Budget; i++)
        {
            (await RateLimitHarness.GetAsync(harness.Http, "/v1/holdings", token)).Dispose();
        }
        using var overOnOther = await RateLimitHarness.GetAsync(otherHttp, "/v1/holdings", token);

        Assert.Single(harness.Logs.Messages, message => message.Contains(RecoveryLog, StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.TooManyRequests, overOnOther.StatusCode);
    }
}
