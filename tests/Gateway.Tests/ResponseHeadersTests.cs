using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace PortfolioTracker.Gateway.Tests;

/// <summary>The headers every gateway answer carries, proxied answers included.</summary>
public sealed class ResponseHeadersTests(GatewayHarness harness) : IClassFixture<GatewayHarness>
{
    [Theory]
    [InlineData("GET", "/v1/portfolios")]
    [InlineData("POST", "/v1/auth/login")]
    [InlineData("GET", "/v1/nothing-here")]
    [InlineData("GET", "/.well-known/openid-configuration")]
    public async Task AnswersAreNotCachedNotSniffedAndDoNotNameTheServer(string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        request.Headers.Authorization = new("Bearer", harness.Tokens.ForUser(Guid.NewGuid()));
        if (method == "POST")
        {
            request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
        }

        using var response = await harness.Http.SendAsync(request);

        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.Equal(["nosniff"], response.Headers.GetValues("X-Content-Type-Options"));
        Assert.False(response.Headers.Contains("Server"), string.Join(",", response.Headers.Select(h => h.Key)));
    }

    [Fact]
    public async Task TheProxiedBackendsServerHeaderIsDropped()
    {
        // The stand-in backend is a real Kestrel server: it sends "Server: Kestrel" itself.
        using var direct = await new HttpClient().GetAsync(harness.Backend.Address + "/v1/portfolios");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/portfolios");
        request.Headers.Authorization = new("Bearer", harness.Tokens.ForUser(Guid.NewGuid()));

        using var proxied = await harness.Http.SendAsync(request);

        Assert.True(direct.Headers.Contains("Server"));
        Assert.Equal(HttpStatusCode.OK, proxied.StatusCode);
        Assert.False(proxied.Headers.Contains("Server"));
    }

    [Fact]
    public async Task ThePublicKeySetStaysCacheableForAFewMinutes()
    {
        using var response = await harness.Http.GetAsync("/.well-known/jwks.json");

        Assert.Equal("public, max-age=300", response.Headers.CacheControl?.ToString());
        Assert.Equal(["nosniff"], response.Headers.GetValues("X-Content-Type-Options"));
    }

    [Fact]
    public void KestrelDoesNotAdvertiseItselfAndItsOwnLimitsSitAboveTheGateways()
    {
        var kestrel = harness.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value;

        Assert.False(kestrel.AddServerHeader);
        Assert.Equal(1024 * 1024, kestrel.Limits.MaxRequestBodySize);
        // Kestrel answers its own limits with an empty body, so ours (8 KiB URL, 32 KiB headers) must trip first.
        Assert.True(kestrel.Limits.MaxRequestLineSize > 8 * 1024);
        Assert.True(kestrel.Limits.MaxRequestHeadersTotalSize > 32 * 1024);
    }

    [Fact]
    public async Task TheDiscoveryDocumentNamesTheConfiguredAuthorityWhateverTheHostHeader()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/.well-known/openid-configuration");
        request.Headers.Host = "attacker.example";

        using var response = await harness.Http.SendAsync(request);
        var discovery = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(GatewayHarness.Authority + "/.well-known/jwks.json", discovery["jwks_uri"]!.GetValue<string>());
    }
}
