using Google.Rpc;

namespace PortfolioTracker.Dividends.Tests;

/// <summary><c>GET /v1/dividends</c> and <c>DividendService.ListDividends</c>, read under the caller's RLS.</summary>
public sealed class ListDividendsTests(DividendsHarness harness) : IClassFixture<DividendsHarness>
{
    [Fact]
    public async Task AUserListsOnlyTheirOwnDividendsNewestExDateFirst()
    {
        Guid owner = await harness.AddUserAsync(), stranger = await harness.AddUserAsync();
        await harness.AddDividendAsync(owner, "AAPL", "2024-02-09", "0.24");
        await harness.AddDividendAsync(owner, "MSFT", "2024-05-15", "0.75");
        await harness.AddDividendAsync(stranger, "KO", "2024-06-14", "0.485");

        var (status, body) = await harness.GetJsonAsync("/v1/dividends", owner);

        Assert.Equal(HttpStatusCode.OK, status);
        var dividends = body["dividends"]!.AsArray();
        Assert.Equal(["MSFT", "AAPL"], dividends.Select(d => d!["symbol"]!.GetValue<string>()));
        Assert.Equal("0.75", dividends[0]!["amount"]!.GetValue<string>());
        Assert.Equal("2024-05-29", dividends[0]!["payDate"]!.GetValue<string>());
        Assert.Equal("7.50", dividends[0]!["totalAmount"]!.GetValue<string>());
    }

    [Fact]
    public async Task AnotherUsersDividendsAreInvisibleOverGrpcToo()
    {
        Guid owner = await harness.AddUserAsync(), stranger = await harness.AddUserAsync();
        await harness.AddDividendAsync(owner, "JNJ", "2024-02-16", "1.19");
        var client = new DividendService.DividendServiceClient(harness.Grpc);

        var asOwner = await client.ListDividendsAsync(new ListDividendsRequest(), harness.UserHeaders(owner));
        var asStranger = await client.ListDividendsAsync(new ListDividendsRequest(), harness.UserHeaders(stranger));

        Assert.Equal("JNJ", Assert.Single(asOwner.Dividends).Symbol);
        Assert.Empty(asStranger.Dividends);
    }

    [Fact]
    public async Task StatusAndYearNarrowTheList()
    {
        var owner = await harness.AddUserAsync();
        await harness.AddDividendAsync(owner, "PG", "2023-10-19", "0.9407", status: "confirmed");
        await harness.AddDividendAsync(owner, "PG", "2024-01-18", "0.9407", status: "confirmed");
        await harness.AddDividendAsync(owner, "PEP", "2024-03-07", "1.265", status: "rejected");
        await harness.AddDividendAsync(owner, "PEP", "2024-06-07", "1.355");

        var (status, body) = await harness.GetJsonAsync("/v1/dividends?status=Confirmed,%20pending&year=2024", owner);

        Assert.Equal(HttpStatusCode.OK, status);
        var dividends = body["dividends"]!.AsArray();
        Assert.Equal(["2024-06-07", "2024-01-18"], dividends.Select(d => d!["exDate"]!.GetValue<string>()));
        Assert.Equal(["pending", "confirmed"], dividends.Select(d => d!["status"]!.GetValue<string>()));
    }

    public static TheoryData<string, string[]> BadRequests => new()
    {
        { "/v1/dividends?status=paid", ["status"] },
        { "/v1/dividends?year=1899", ["year"] },
        { "/v1/dividends?year=-1", ["year"] },
        { "/v1/dividends?year=10000", ["year"] },
        { "/v1/dividends?status=pending,paid&year=12", ["status", "year"] },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task BadInputIsA400NamingEveryBadField(string path, string[] fields)
    {
        var (status, body) = await harness.GetJsonAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal((int)StatusCode.InvalidArgument, body["code"]!.GetValue<int>());
        Assert.Equal(fields, RpcStatusJson.ViolatedFields(body));
    }

    [Fact]
    public async Task OverGrpcABadYearIsInvalidArgumentNamingTheField()
    {
        var client = new DividendService.DividendServiceClient(harness.Grpc);

        var bad = await Assert.ThrowsAsync<RpcException>(() =>
            client.ListDividendsAsync(new ListDividendsRequest { Year = 1066 }, harness.UserHeaders()).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, bad.StatusCode);
        Assert.Equal(["year"], bad.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations.Select(v => v.Field));
    }

    [Fact]
    public async Task ACallWithoutATokenIsRefused()
    {
        var client = new DividendService.DividendServiceClient(harness.Grpc);

        var refused = await Assert.ThrowsAsync<RpcException>(() => client.ListDividendsAsync(new ListDividendsRequest()).ResponseAsync);
        var (status, body) = await harness.SendJsonAsync(HttpMethod.Get, "/v1/dividends", body: null, token: null);

        Assert.Equal(StatusCode.Unauthenticated, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal(16, body["code"]!.GetValue<int>());
    }

    [Fact]
    public async Task AServiceRoleTokenHasNoDividendsOfItsOwn()
    {
        var client = new DividendService.DividendServiceClient(harness.Grpc);
        var headers = new Metadata { { "Authorization", "Bearer " + harness.Tokens.ForServiceRole() } };

        var refused = await Assert.ThrowsAsync<RpcException>(() => client.ListDividendsAsync(new ListDividendsRequest(), headers).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, refused.StatusCode);
    }

    [Theory]
    [InlineData("/health")]
    [InlineData("/alive")]
    public async Task HealthIsAnonymousAndHealthy(string path)
    {
        var (status, text) = await HealthOnceSettledAsync(path);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Healthy", text);
    }

    // Redis's connection is made in the background (a start never waits for the cache), so on a
    // loaded machine /health can answer Degraded until it is up. Asked again for a bounded time;
    // a service that stays Degraded still fails.
    private async Task<(HttpStatusCode Status, string Text)> HealthOnceSettledAsync(string path)
    {
        var settled = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            using var response = await harness.Http.GetAsync(path);
            var text = await response.Content.ReadAsStringAsync();
            if (text != "Degraded" || DateTime.UtcNow > settled)
            {
                return (response.StatusCode, text);
            }
            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }
    }
}
