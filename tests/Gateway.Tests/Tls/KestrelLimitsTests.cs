namespace PortfolioTracker.Gateway.Tests.Tls;

/// <summary>
/// Request line and header limits on real Kestrel sockets (the in-memory test server never
/// parses a request line, so only here would Kestrel's own bare 414 or 431 show): each is
/// answered by the gateway with a <c>google.rpc.Status</c> body, over plain HTTP/1.1 and over
/// HTTPS by both HTTP versions.
/// </summary>
public sealed class KestrelLimitsTests(TlsGatewayHarness harness) : IClassFixture<TlsGatewayHarness>
{
    public static TheoryData<string, string> Transports => new()
    {
        { "http", "1.1" },
        { "https", "1.1" },
        { "https", "2.0" },
    };

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task AUrlOverEightKiBIsA414WithAStatusBody(string scheme, string version)
    {
        using var client = Client(scheme);
        using var request = Get("/v1/portfolios?filler=" + new string('a', 9 * 1024), version);

        using var response = await client.SendAsync(request);

        await AssertStatusBodyAsync(response, HttpStatusCode.RequestUriTooLong);
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task HeadersOverThirtyTwoKiBAreA431WithAStatusBody(string scheme, string version)
    {
        using var client = Client(scheme);
        using var request = Get("/v1/portfolios", version);
        // Several fields of 8 KiB: under HTTP/2 one field may be at most 16 KiB.
        for (var i = 0; i < 5; i++)
        {
            request.Headers.Add($"X-Filler-{i}", new string('a', 8 * 1024));
        }

        using var response = await client.SendAsync(request);

        await AssertStatusBodyAsync(response, HttpStatusCode.RequestHeaderFieldsTooLarge);
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task MoreThanAHundredHeaderFieldsAreA431WithAStatusBody(string scheme, string version)
    {
        using var client = Client(scheme);
        using var request = Get("/v1/portfolios", version);
        for (var i = 0; i < 120; i++)
        {
            request.Headers.Add($"X-Field-{i}", "a");
        }

        using var response = await client.SendAsync(request);

        await AssertStatusBodyAsync(response, HttpStatusCode.RequestHeaderFieldsTooLarge);
    }

    [Fact]
    public async Task AUrlJustUnderTheLimitIsServed()
    {
        using var client = Client("http");
        const string path = "/.well-known/jwks.json?filler=";
        using var request = Get(path + new string('a', 8 * 1024 - path.Length), "1.1");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private HttpClient Client(string scheme) => scheme == "https"
        ? new HttpClient(harness.TrustingHandler()) { BaseAddress = harness.HttpsAddress }
        : new HttpClient { BaseAddress = harness.PlainAddress };

    // The version on the message itself: a client's default version applies only to its GetAsync-style helpers.
    private static HttpRequestMessage Get(string path, string version) => new(HttpMethod.Get, path)
    {
        Version = Version.Parse(version),
        VersionPolicy = HttpVersionPolicy.RequestVersionExact,
    };

    private static async Task AssertStatusBodyAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(RpcStatusJson.IsStatus(JsonNode.Parse(text)!.AsObject(), 3), text);
    }
}
