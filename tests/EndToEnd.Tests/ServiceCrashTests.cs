using System.Diagnostics;
using System.Net;
using Grpc.Core;
using PortfolioTracker.EndToEnd.Tests.Support;
using PortfolioTracker.Protos.Dividends.V1;

namespace PortfolioTracker.EndToEnd.Tests;

/// <summary>
/// A service process killed under the running suite: every call meanwhile is answered within
/// the read limit with the data or 503 UNAVAILABLE (never a 500 or a 504), and the AppHost starts
/// the service again within 30 seconds. (That a dead service is answered 503 at once is proven
/// in the gateway's harness tests; here the restart is usually quicker than the probe.)
/// </summary>
[Collection(CrashCollection.Name)]
public sealed class ServiceCrashTests(SuiteFixture suite)
{
    private static readonly TimeSpan ReadLimit = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan BackWithin = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task AKilledServiceIsAnsweredWithinTheReadLimitWithoutErrorsAndIsBackWithinThirtySeconds()
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

        var back = false;
        while (!back && sinceKill.Elapsed < BackWithin)
        {
            var clock = Stopwatch.StartNew();
            using var response = await suite.Http.SendAsync(HttpMethod.Get, "/v1/dividends", user.AccessToken);
            var jsonTook = clock.Elapsed;
            var body = await response.ReadJsonAsync();
            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable,
                $"{(int)response.StatusCode} after {jsonTook}: {body}");
            Assert.True(jsonTook < ReadLimit, $"JSON answered after {jsonTook}");
            if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
            {
                Assert.Equal(14, body["code"]!.GetValue<int>());
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
            Assert.True(clock.Elapsed < ReadLimit, $"gRPC answered after {clock.Elapsed}");

            back = response.StatusCode == HttpStatusCode.OK && grpcStatus == StatusCode.OK;
            await Task.Delay(250);
        }

        Assert.True(back, $"dividends was not back within {BackWithin}");
        using var relookup = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        Assert.NotEqual(pid, await suite.ProcessIdAsync("dividends", relookup.Token));
    }
}
