using System.Diagnostics;
using Grpc.Core;

namespace PortfolioTracker.Gateway.Tests;

/// <summary>A service that refuses connections: the gateway answers 503 UNAVAILABLE at once, over JSON and native gRPC.</summary>
public sealed class BackendDownTests(GatewayHarness harness) : IClassFixture<GatewayHarness>
{
    private static readonly TimeSpan Fast = TimeSpan.FromSeconds(2);

    [Theory]
    [InlineData("GET", "/v1/dividends")]
    [InlineData("POST", "/v1/dividends:sync")]
    [InlineData("GET", "/v1/dividends/income")]
    [InlineData("POST", "/v1/dividends/0b4c3f4e-2f57-4a63-9d55-7a5f7e1f0c11:confirm")]
    public async Task AServiceThatIsDownIsAnUnavailableStatusWithRetryAfterAtOnce(string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        request.Headers.Authorization = new("Bearer", harness.Tokens.ForUser(Guid.NewGuid()));
        var clock = Stopwatch.StartNew();

        using var response = await harness.Http.SendAsync(request);

        Assert.True(clock.Elapsed < Fast, $"answered after {clock.Elapsed}");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        Assert.True(RpcStatusJson.IsStatus(body, 14), body.ToJsonString());
    }

    [Fact]
    public async Task AServiceThatIsDownIsUnavailableOverNativeGrpcAtOnce()
    {
        var clock = Stopwatch.StartNew();

        var status = await RawGrpc.CallAsync(harness.Grpc, "dividends.v1.DividendService", "ListDividends", harness.Tokens.ForUser(Guid.NewGuid()));

        Assert.True(clock.Elapsed < Fast, $"answered after {clock.Elapsed}");
        Assert.Equal(StatusCode.Unavailable, status);
    }
}
