using System.Text;
using Grpc.Core;

namespace PortfolioTracker.Gateway.Tests;

/// <summary>
/// Oversized, undecodable or wrongly typed requests: each answers a <c>google.rpc.Status</c>
/// (JSON) or a gRPC status (native gRPC) with a neutral message, never an empty body.
/// </summary>
public sealed class RequestLimitsTests(GatewayHarness harness) : IClassFixture<GatewayHarness>
{
    private const int OneMiB = 1024 * 1024;

    private static readonly Marshaller<byte[]> Bytes = Marshallers.Create(bytes => bytes, bytes => bytes);

    [Theory]
    [InlineData("/v1/auth/signup")]
    [InlineData("/v1/auth/login")]
    [InlineData("/v1/auth/refresh")]
    [InlineData("/v1/auth/logout")]
    public async Task AuthRoutesAcceptOnlyJsonBodies(string path)
    {
        using var content = new StringContent("""{"email":"a@example.test","password":"x","refreshToken":"y"}""", Encoding.UTF8, "text/plain");

        var (status, body) = await harness.PostAsync(path, content);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, status);
        Assert.True(RpcStatusJson.IsStatus(body, 3), body.ToJsonString());
    }

    [Fact]
    public async Task AFormPostToLoginIsRefusedToo()
    {
        using var content = new FormUrlEncodedContent(new Dictionary<string, string> { ["email"] = "a@example.test", ["password"] = "x" });

        var (status, body) = await harness.PostAsync("/v1/auth/login", content);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, status);
        Assert.True(RpcStatusJson.IsStatus(body, 3), body.ToJsonString());
    }

    public static TheoryData<string, byte[]> UndecodableBodies => new()
    {
        { "not UTF-8", [.. "{\"email\":\""u8, 0xFF, 0xFE, .. "@example.test\",\"password\":\"long enough\"}"u8] },
        { "lone surrogate escape", Encoding.UTF8.GetBytes("{\"email\":\"a\\ud800@example.test\",\"password\":\"long enough\"}") },
        { "truncated", Encoding.UTF8.GetBytes("{\"email\":\"a@example.test\",\"pass") },
    };

    [Theory]
    [MemberData(nameof(UndecodableBodies))]
    public async Task AnUndecodableJsonBodyIsA400StatusWithoutDotNetText(string kind, byte[] bytes)
    {
        using var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new("application/json");

        var (status, body) = await harness.PostAsync("/v1/auth/signup", content);

        Assert.True(status == HttpStatusCode.BadRequest, $"{kind}: {(int)status}");
        Assert.True(RpcStatusJson.IsStatus(body, 3), body.ToJsonString());
        Assert.DoesNotContain("System.", body.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", body.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnOverlongUrlIsA414Status()
    {
        var (status, body) = await harness.SendJsonAsync(
            HttpMethod.Get, "/v1/portfolios?filler=" + new string('a', 9 * 1024), body: null, harness.Tokens.ForUser(Guid.NewGuid()));

        Assert.Equal(HttpStatusCode.RequestUriTooLong, status);
        Assert.True(RpcStatusJson.IsStatus(body, 3), body.ToJsonString());
    }

    [Fact]
    public async Task OversizedHeadersAreA431Status()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/portfolios");
        request.Headers.Add("X-Filler", new string('a', 40 * 1024));

        using var response = await harness.Http.SendAsync(request);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();

        Assert.Equal(HttpStatusCode.RequestHeaderFieldsTooLarge, response.StatusCode);
        Assert.True(RpcStatusJson.IsStatus(body, 3), body.ToJsonString());
    }

    [Fact]
    public async Task ANativeGrpcMessageOverOneMiBIsRefusedAtTheGatewayLikeAnHttpBody()
    {
        var oversized = await CallAsync(new byte[OneMiB]);
        using var json = new StringContent("{\"content\":\"" + new string('a', OneMiB) + "\"}", Encoding.UTF8, "application/json");
        var (httpStatus, httpBody) = await harness.SendJsonAsync(HttpMethod.Post, "/v1/transactions:import", json, harness.Tokens.ForUser(Guid.NewGuid()));

        Assert.Equal(StatusCode.ResourceExhausted, oversized.StatusCode);
        Assert.Contains("larger than", oversized.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, httpStatus);
        Assert.True(RpcStatusJson.IsStatus(httpBody, 3), httpBody.ToJsonString());
    }

    [Fact]
    public async Task ANativeGrpcMessageWithinTheLimitIsForwarded()
    {
        // The stand-in backend speaks no gRPC, so a forwarded call fails there, not at the limit.
        var withinLimit = await CallAsync(new byte[OneMiB - 1024]);

        Assert.NotEqual(StatusCode.ResourceExhausted, withinLimit.StatusCode);
    }

    private async Task<RpcException> CallAsync(byte[] message)
    {
        var method = new Method<byte[], byte[]>(MethodType.Unary, "portfolio.v1.PortfolioService", "ListPortfolios", Bytes, Bytes);
        var headers = new Metadata { { "Authorization", "Bearer " + harness.Tokens.ForUser(Guid.NewGuid()) } };
        return await Assert.ThrowsAsync<RpcException>(async () =>
            await harness.Grpc.CreateCallInvoker().AsyncUnaryCall(method, null, new CallOptions(headers), message));
    }
}
