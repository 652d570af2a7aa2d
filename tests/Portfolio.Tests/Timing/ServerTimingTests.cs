using System.Net;
using System.Net.Http.Headers;
using PortfolioTracker.TestSupport;

namespace PortfolioTracker.Portfolio.Tests.Timing;

/// <summary>The service with <c>ServerTiming:Enabled</c>: its answers say where their time went.</summary>
public sealed class ServerTimingHarness : ServiceHarness<Program>
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings() => [new("ServerTiming:Enabled", "true")];
}

/// <summary>
/// The Server-Timing header the gateway benchmark reads (the real Program over PostgreSQL and
/// Redis): the service's whole time, its database units of work and the rest; absent by default.
/// </summary>
public sealed class ServerTimingTests(ServerTimingHarness timed, ServiceHarness<Program> plain)
    : IClassFixture<ServerTimingHarness>, IClassFixture<ServiceHarness<Program>>
{
    [Fact]
    public async Task WithTimingOnAnAnswerNamesTheServiceTimeAndItsDatabaseTime()
    {
        var header = await ServerTimingOf(timed, "/v1/holdings");

        Assert.NotNull(header);
        var entries = header!.Split(", ").Select(e => e.Split(';')[0]).ToList();
        Assert.Equal(["portfolio", "portfolio-db", "portfolio-app"], entries);
        Assert.Contains("portfolio-db;dur=", header, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithTimingOffByDefaultAnAnswerCarriesNoServerTimingHeader()
    {
        Assert.Null(await ServerTimingOf(plain, "/v1/holdings"));
    }

    private static async Task<string?> ServerTimingOf(ServiceHarness<Program> harness, string path)
    {
        var user = await harness.AddUserAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", harness.Tokens.ForUser(user));
        using var response = await harness.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response.Headers.TryGetValues("Server-Timing", out var values) ? string.Join(", ", values) : null;
    }
}
