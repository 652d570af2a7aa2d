using System.Diagnostics;
using Grpc.Core;

namespace PortfolioTracker.Gateway.Tests;

/// <summary>
/// A service that accepts connections and never answers (a dead process behind Aspire's endpoint
/// proxy): within seconds the health probe takes it out, and from then on the gateway answers
/// 503 at once instead of waiting for a timeout.
/// </summary>
public sealed class SilentBackendTests(SilentServiceGatewayHarness harness) : IClassFixture<SilentServiceGatewayHarness>
{
    private static readonly TimeSpan Fast = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan ProbeWindow = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task AServiceThatNeverAnswersIsSoonAnsweredUnavailableAtOnceOverJson()
    {
        var answered = await UntilFastAsync(async () =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/dividends");
            request.Headers.Authorization = new("Bearer", harness.Tokens.ForUser(Guid.NewGuid()));
            using var response = await harness.Http.SendAsync(request);
            return response.StatusCode == HttpStatusCode.ServiceUnavailable
                && RpcStatusJson.IsStatus(JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject(), 14);
        });

        Assert.True(answered, $"no fast 503 within {ProbeWindow}");
    }

    [Fact]
    public async Task AServiceThatNeverAnswersIsSoonAnsweredUnavailableAtOnceOverNativeGrpc()
    {
        var answered = await UntilFastAsync(async () =>
            await RawGrpc.CallAsync(harness.Grpc, "dividends.v1.DividendService", "ListDividends", harness.Tokens.ForUser(Guid.NewGuid()))
                == StatusCode.Unavailable);

        Assert.True(answered, $"no fast UNAVAILABLE within {ProbeWindow}");
    }

    [Fact]
    public async Task ACallThatNeverGetsAnAnswerEndsWithinItsRouteGroupsTime()
    {
        // The gRPC cluster of the silent service is probed like the others; a call sent before
        // the probe noticed still ends, by the read limit, with a status rather than hanging.
        var clock = Stopwatch.StartNew();

        var (status, body) = await harness.SendJsonAsync(HttpMethod.Get, "/v1/dividends", body: null, harness.Tokens.ForUser(Guid.NewGuid()));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(12), $"answered after {clock.Elapsed}");
        Assert.Contains(status, new[] { HttpStatusCode.ServiceUnavailable, HttpStatusCode.GatewayTimeout });
        Assert.True(RpcStatusJson.IsStatus(body, 14), body.ToJsonString());
    }

    /// <summary>Repeats the call until one is answered as expected within <see cref="Fast"/>; false after <see cref="ProbeWindow"/>.</summary>
    private static async Task<bool> UntilFastAsync(Func<Task<bool>> call)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < ProbeWindow)
        {
            var attempt = call();
            var clock = Stopwatch.StartNew();
            if (await Task.WhenAny(attempt, Task.Delay(Fast)) == attempt && await attempt && clock.Elapsed < Fast)
            {
                return true;
            }
            await Task.Delay(200);
        }
        return false;
    }
}
