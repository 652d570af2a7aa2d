using Grpc.Core;
using Npgsql;

namespace PortfolioTracker.Gateway.Tests.RateLimiting;

/// <summary>Budgets per caller and route group, kept in Redis, over HTTP/JSON and native gRPC.</summary>
public sealed class RouteGroupLimitTests(RateLimitHarness harness) : IClassFixture<RateLimitHarness>
{
    private const int Budget = RateLimitHarness.Budget;

    [Fact]
    public async Task ARequestOverTheBudgetIsA429WithRetryAfterAndAResourceExhaustedStatus()
    {
        var token = harness.GatewayToken();
        for (var i = 0; i < Budget; i++)
        {
            using var allowed = await RateLimitHarness.GetAsync(harness.Http, "/v1/holdings", token);
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        using var refused = await RateLimitHarness.GetAsync(harness.Http, "/v1/holdings", token);
        var body = JsonNode.Parse(await refused.Content.ReadAsStringAsync())!.AsObject();

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var retryAfter = refused.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value.TotalSeconds, 1, 60);
        Assert.True(RpcStatusJson.IsStatus(body, 8), body.ToJsonString());
        var retryInfo = Assert.Single(body["details"]!.AsArray())!;
        Assert.Equal("type.googleapis.com/google.rpc.RetryInfo", retryInfo["@type"]!.GetValue<string>());
        Assert.Equal($"{retryAfter.Value.TotalSeconds}s", retryInfo["retryDelay"]!.GetValue<string>());
    }

    [Fact]
    public async Task TwoSignedInUsersDoNotShareABudget()
    {
        string first = harness.GatewayToken(), second = harness.GatewayToken();
        for (var i = 0; i < Budget; i++)
        {
            (await RateLimitHarness.GetAsync(harness.Http, "/v1/portfolios", first)).Dispose();
        }

        using var firstAgain = await RateLimitHarness.GetAsync(harness.Http, "/v1/portfolios", first);
        using var secondFirst = await RateLimitHarness.GetAsync(harness.Http, "/v1/portfolios", second);

        Assert.Equal(HttpStatusCode.TooManyRequests, firstAgain.StatusCode);
        Assert.Equal(HttpStatusCode.OK, secondFirst.StatusCode);
    }

    [Fact]
    public async Task RouteGroupsHaveSeparateBudgets()
    {
        var token = harness.GatewayToken();
        for (var i = 0; i < Budget; i++)
        {
            (await RateLimitHarness.GetAsync(harness.Http, "/v1/watchlist", token)).Dispose();
        }

        var (writeStatus, _) = await harness.SendJsonAsync(HttpMethod.Post, "/v1/watchlist", new { symbol = "AAPL" }, token);
        using var readAgain = await RateLimitHarness.GetAsync(harness.Http, "/v1/watchlist", token);

        Assert.Equal(HttpStatusCode.OK, writeStatus);
        Assert.Equal(HttpStatusCode.TooManyRequests, readAgain.StatusCode);
    }

    [Fact]
    public async Task ATokenTheGatewayCannotVerifyCountsAsAnonymous()
    {
        // Signed by a key the gateway does not know, claiming a user whose own budget is untouched.
        var user = Guid.NewGuid();
        var forged = harness.Tokens.ForUser(user);
        for (var i = 0; i < Budget; i++)
        {
            await harness.SendJsonAsync(HttpMethod.Delete, "/v1/alerts/1", body: null, token: null);
        }

        var (forgedStatus, _) = await harness.SendJsonAsync(HttpMethod.Delete, "/v1/alerts/1", body: null, forged);
        var (realStatus, _) = await harness.SendJsonAsync(HttpMethod.Delete, "/v1/alerts/1", body: null, harness.GatewayToken(user));

        Assert.Equal(HttpStatusCode.TooManyRequests, forgedStatus);
        Assert.Equal(HttpStatusCode.OK, realStatus);
    }

    [Fact]
    public async Task SignUpIsLimitedPerAddressBeforeAnyAccountIsCreated()
    {
        for (var i = 0; i < Budget; i++)
        {
            var (status, _) = await harness.PostAsync("/v1/auth/signup", new { email = GatewayHarness.NewEmail(), password = "correct horse battery" });
            Assert.Equal(HttpStatusCode.OK, status);
        }
        var refusedEmail = GatewayHarness.NewEmail();

        var (refusedStatus, body) = await harness.PostAsync("/v1/auth/signup", new { email = refusedEmail, password = "correct horse battery" });
        await using var count = harness.Superuser.CreateCommand("select count(*) from auth.users where email = $1");
        count.Parameters.Add(new NpgsqlParameter { Value = refusedEmail });

        Assert.Equal(HttpStatusCode.TooManyRequests, refusedStatus);
        Assert.True(RpcStatusJson.IsStatus(body, 8), body.ToJsonString());
        Assert.Equal(0L, (long)(await count.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task NativeGrpcCallersOverTheBudgetGetResourceExhausted()
    {
        var headers = new Metadata { { "Authorization", "Bearer " + harness.GatewayToken() } };
        var invoker = harness.Grpc.CreateCallInvoker();
        var method = new Method<byte[], byte[]>(
            MethodType.Unary, "portfolio.v1.PortfolioService", "ListPortfolios",
            Marshallers.Create(bytes => bytes, bytes => bytes), Marshallers.Create(bytes => bytes, bytes => bytes));

        async Task<StatusCode> CallAsync()
        {
            try
            {
                await invoker.AsyncUnaryCall(method, host: null, new CallOptions(headers), []);
                return StatusCode.OK;
            }
            catch (RpcException exception)
            {
                return exception.StatusCode;
            }
        }

        // The stand-in backend does not speak gRPC, so the allowed calls fail, but otherwise.
        var allowed = new List<StatusCode>();
        for (var i = 0; i < Budget; i++)
        {
            allowed.Add(await CallAsync());
        }
        var refused = await CallAsync();

        Assert.DoesNotContain(StatusCode.ResourceExhausted, allowed);
        Assert.Equal(StatusCode.ResourceExhausted, refused);
    }

    [Fact]
    public async Task TwoGatewayInstancesOverOneRedisShareTheBudget()
    {
        await using var other = harness.StartAnotherGateway();
        using var otherHttp = other.CreateClient();
        var token = harness.GatewayToken();
        for (var i = 0; i < Budget - 1; i++)
        {
            (await RateLimitHarness.GetAsync(harness.Http, "/v1/profile", token)).Dispose();
        }

        using var lastOnOther = await RateLimitHarness.GetAsync(otherHttp, "/v1/profile", token);
        using var overOnOther = await RateLimitHarness.GetAsync(otherHttp, "/v1/profile", token);
        using var overOnFirst = await RateLimitHarness.GetAsync(harness.Http, "/v1/profile", token);

        Assert.Equal(HttpStatusCode.OK, lastOnOther.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, overOnOther.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, overOnFirst.StatusCode);
    }

    [Fact]
    public async Task HealthProbesAreNeverLimited()
    {
        for (var i = 0; i < Budget * 3; i++)
        {
            using var alive = await RateLimitHarness.GetAsync(harness.Http, "/alive", token: null);
            Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
        }
    }
}
