using System.Diagnostics;
using System.Net;
using Grpc.Core;
using PortfolioTracker.EndToEnd.Tests.Support;
using PortfolioTracker.Protos.Dividends.V1;

namespace PortfolioTracker.EndToEnd.Tests;

/// <summary>
/// A service process killed under the running suite: the gateway answers 503 UNAVAILABLE fast
/// (never a hang, a 500 or a 504), and the AppHost starts the service again within 30 seconds.
/// </summary>
[Collection(CrashCollection.Name)]
public sealed class ServiceCrashTests(SuiteFixture suite)
{
    private static readonly TimeSpan Fast = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan BackWithin = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task AKilledServiceIsAnsweredUnavailableFastAndIsBackWithinThirtySeconds()
    {
        var user = await suite.Http.SignUpAsync();
        using (var before = await suite.Http.SendAsync(HttpMethod.Get, "/v1/dividends", user.AccessToken))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }
        using var lookup = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var pid = await suite.ProcessIdAsync("dividends", lookup.Token);
        var client = new DividendService.DividendServiceClient(suite.Grpc);
        var headers = new Metadata { { "Authorization", "Bearer " + user.AccessToken } };

        Process.GetProcessById(pid).Kill();
        var sinceKill = Stopwatch.StartNew();

        var sawFastJsonUnavailable = false;
        var sawFastGrpcUnavailable = false;
        var back = false;
        while (!back && sinceKill.Elapsed < BackWithin)
        {
            var clock = Stopwatch.StartNew();
            using var response = await suite.Http.SendAsync(HttpMethod.Get, "/v1/dividends", user.AccessToken);
            var jsonTook = clock.Elapsed;
            var body = await response.ReadJsonAsync();
            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable,
                $"{(int)response.StatusCode} after {jsonTook}: {body}");
            if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
            {
                Assert.Equal(14, body["code"]!.GetValue<int>());
                sawFastJsonUnavailable |= jsonTook < Fast;
            }

            clock.Restart();
            var grpcStatus = StatusCode.OK;
            try
            {
                await client.ListDividendsAsync(new ListDividendsRequest(), headers, deadline: DateTime.UtcNow.AddSeconds(15));
            }
            catch (RpcException error)
            {
                grpcStatus = error.StatusCode;
            }
            Assert.True(grpcStatus is StatusCode.OK or StatusCode.Unavailable, $"gRPC {grpcStatus} after {clock.Elapsed}");
            sawFastGrpcUnavailable |= grpcStatus == StatusCode.Unavailable && clock.Elapsed < Fast;

            back = response.StatusCode == HttpStatusCode.OK && grpcStatus == StatusCode.OK && sinceKill.Elapsed > Fast;
            await Task.Delay(250);
        }

        Assert.True(back, $"dividends was not back within {BackWithin}");
        Assert.True(sawFastJsonUnavailable, "no fast 503 over JSON while the service was down");
        Assert.True(sawFastGrpcUnavailable, "no fast UNAVAILABLE over native gRPC while the service was down");
        using var relookup = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        Assert.NotEqual(pid, await suite.ProcessIdAsync("dividends", relookup.Token));
    }
}
