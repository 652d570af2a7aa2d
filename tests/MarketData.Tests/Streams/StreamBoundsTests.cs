using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using Grpc.Core;
using PortfolioTracker.Protos.MarketData.V1;
using PortfolioTracker.ServiceDefaults.Messaging;

namespace PortfolioTracker.MarketData.Tests.Streams;

/// <summary>
/// Price streams over native gRPC and HTTP/JSON: they end UNAUTHENTICATED when the caller's token
/// expires, a caller holds at most <see cref="StreamHarness.MaxPerUser"/> at once (counted over
/// both protocols), and a stream with nothing to deliver ends by itself.
/// </summary>
public sealed class StreamBoundsTests(StreamHarness harness) : IClassFixture<StreamHarness>
{
    private static readonly TimeSpan ShortLife = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task AGrpcStreamDeliversUntilItsTokenExpiresThenEndsUnauthenticated()
    {
        var user = Guid.NewGuid();
        var client = new PriceService.PriceServiceClient(harness.Grpc);
        using var stream = client.StreamPrices(new StreamPricesRequest { Symbols = { "ACME" } },
            new Metadata { { "Authorization", "Bearer " + harness.TokenFor(user, ShortLife) } });
        await harness.UntilOpenAsync(user, 1);
        harness.Hub.Deliver(new PriceAnnouncement("ACME", new DateOnly(2024, 6, 3), 12.5m, "USD"));
        var clock = Stopwatch.StartNew();

        Assert.True(await stream.ResponseStream.MoveNext());
        Assert.Equal("12.5", stream.ResponseStream.Current.Close);
        var ended = await Assert.ThrowsAsync<RpcException>(() => stream.ResponseStream.MoveNext());

        Assert.Equal(StatusCode.Unauthenticated, ended.StatusCode);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(8), $"ended after {clock.Elapsed}");
        await harness.UntilOpenAsync(user, 0);
    }

    [Fact]
    public async Task AJsonStreamEndsWithAnUnauthenticatedStatusWhenItsTokenExpires()
    {
        var user = Guid.NewGuid();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/prices:stream?symbols=ACME");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", harness.TokenFor(user, ShortLife));
        var clock = Stopwatch.StartNew();

        using var response = await harness.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        var body = await response.Content.ReadAsStringAsync();

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(8), $"ended after {clock.Elapsed}");
        Assert.Contains("\"code\":16", body.Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal);
        await harness.UntilOpenAsync(user, 0);
    }

    [Fact]
    public async Task ACallerPastTheCapIsRefusedOverGrpcAndJsonCountingBothProtocols()
    {
        var user = Guid.NewGuid();
        var token = harness.Tokens.ForUser(user);
        var headers = new Metadata { { "Authorization", "Bearer " + token } };
        var client = new PriceService.PriceServiceClient(harness.Grpc);
        using var first = client.StreamPrices(new StreamPricesRequest { Symbols = { "ACME" } }, headers);
        using var jsonRequest = new HttpRequestMessage(HttpMethod.Get, "/v1/prices:stream?symbols=ACME");
        jsonRequest.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var second = harness.Http.SendAsync(jsonRequest, HttpCompletionOption.ResponseHeadersRead);
        await harness.UntilOpenAsync(user, StreamHarness.MaxPerUser);

        using var third = client.StreamPrices(new StreamPricesRequest { Symbols = { "ACME" } }, headers);
        var refused = await Assert.ThrowsAsync<RpcException>(() => third.ResponseStream.MoveNext());
        var (status, body) = await harness.SendJsonAsync(HttpMethod.Get, "/v1/prices:stream?symbols=ACME", body: null, token);
        var strangerOpens = harness.Gate.OpenFor(Guid.NewGuid().ToString());

        Assert.Equal(StatusCode.ResourceExhausted, refused.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, status);
        Assert.True(RpcStatusJson.IsStatus(body, 8), body.ToJsonString());
        Assert.Equal(0, strangerOpens);
        Assert.Equal(StreamHarness.MaxPerUser, harness.Gate.OpenFor(user.ToString()));
    }

    [Fact]
    public async Task AStreamWithNothingToDeliverEndsNormallyAfterTheIdleTimeout()
    {
        var user = Guid.NewGuid();
        var client = new PriceService.PriceServiceClient(harness.Grpc);
        using var stream = client.StreamPrices(new StreamPricesRequest { Symbols = { "QUIET" } }, harness.UserHeaders(user));
        var clock = Stopwatch.StartNew();

        var more = await stream.ResponseStream.MoveNext();

        Assert.False(more);
        Assert.InRange(clock.Elapsed, StreamHarness.IdleTimeout - TimeSpan.FromSeconds(1), StreamHarness.IdleTimeout + TimeSpan.FromSeconds(5));
        Assert.Equal(StatusCode.OK, stream.GetStatus().StatusCode);
        await harness.UntilOpenAsync(user, 0);
    }
}
