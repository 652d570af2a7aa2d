using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using Grpc.Core;
using Grpc.Net.Client;

namespace PortfolioTracker.Gateway.Tests.Tls;

/// <summary>
/// The gateway's HTTPS port: TLS 1.2 or 1.3 (1.3 when the client offers it), HTTP/1.1 and HTTP/2
/// on one port by ALPN so JSON and native gRPC clients share it, HSTS on its answers; plain HTTP
/// stays on loopback without HSTS.
/// </summary>
public sealed class HttpsTests(TlsGatewayHarness harness) : IClassFixture<TlsGatewayHarness>
{
    [Theory]
    [InlineData("2.0")]
    [InlineData("1.1")]
    public async Task HttpsAnswersJsonOverHttp2AndHttp11OnOnePort(string version)
    {
        using var client = new HttpClient(harness.TrustingHandler())
        {
            BaseAddress = harness.HttpsAddress,
            DefaultRequestVersion = Version.Parse(version),
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };

        using var response = await client.GetAsync("/.well-known/jwks.json");
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Version.Parse(version), response.Version);
        Assert.NotEmpty(body["keys"]!.AsArray());
    }

    [Theory]
    [InlineData("h2")]
    [InlineData("http/1.1")]
    public async Task AlpnSettlesOnWhatTheClientAsksForOverTls13(string protocol)
    {
        await using var tls = await ConnectAsync(SslProtocols.None, [new SslApplicationProtocol(protocol)]);

        Assert.Equal(protocol, tls.NegotiatedApplicationProtocol.ToString());
        Assert.Equal(SslProtocols.Tls13, tls.SslProtocol);
    }

    [Fact]
    public async Task AClientOfferingBothHttpVersionsGetsHttp2()
    {
        await using var tls = await ConnectAsync(SslProtocols.None, [SslApplicationProtocol.Http2, SslApplicationProtocol.Http11]);

        Assert.Equal(SslApplicationProtocol.Http2, tls.NegotiatedApplicationProtocol);
    }

    [Fact]
    public async Task Tls12IsStillAccepted()
    {
        await using var tls = await ConnectAsync(SslProtocols.Tls12, [SslApplicationProtocol.Http11]);

        Assert.Equal(SslProtocols.Tls12, tls.SslProtocol);
    }

    [Fact]
    public async Task Tls11IsRefused()
    {
        // TLS 1.1 is obsolete; asking for it is the point of this test.
#pragma warning disable SYSLIB0039
        var handshake = ConnectAsync(SslProtocols.Tls11, [SslApplicationProtocol.Http11]);
#pragma warning restore SYSLIB0039

        var error = await Record.ExceptionAsync(async () => await (await handshake).DisposeAsync());

        Assert.True(error is AuthenticationException or IOException, $"expected a failed handshake, got {error?.GetType().Name ?? "a connection"}");
    }

    [Fact]
    public async Task ANativeGrpcCallOverTlsReachesTheServiceThroughTheGateway()
    {
        using var channel = GrpcChannel.ForAddress(harness.HttpsAddress, new GrpcChannelOptions { HttpHandler = harness.TrustingHandler() });

        var status = await RawGrpc.CallAsync(channel, "portfolio.v1.PortfolioService", "ListPortfolios", harness.Tokens.ForUser(Guid.NewGuid()));

        Assert.Equal(StatusCode.OK, status);
        Assert.Contains("/portfolio.v1.PortfolioService/ListPortfolios", harness.GrpcBackend.Paths);
    }

    [Theory]
    [InlineData("/health")]
    [InlineData("/v1/no-such-route")]
    public async Task HstsIsOnEveryHttpsAnswerAndNeverOnPlainLoopbackHttp(string path)
    {
        using var https = new HttpClient(harness.TrustingHandler()) { BaseAddress = harness.HttpsAddress };
        using var plain = new HttpClient { BaseAddress = harness.PlainAddress };

        using var overHttps = await https.GetAsync(path);
        using var overPlain = await plain.GetAsync(path);

        Assert.Equal(overPlain.StatusCode, overHttps.StatusCode);
        Assert.Equal("max-age=31536000", Assert.Single(overHttps.Headers.GetValues("Strict-Transport-Security")));
        Assert.False(overPlain.Headers.Contains("Strict-Transport-Security"));
    }

    private async Task<SslStream> ConnectAsync(SslProtocols protocols, List<SslApplicationProtocol> alpn)
    {
        var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, harness.HttpsPort);
        var tls = new SslStream(tcp.GetStream(), leaveInnerStreamOpen: false);
        try
        {
            await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
            {
                TargetHost = "127.0.0.1",
                EnabledSslProtocols = protocols,
                ApplicationProtocols = alpn,
                CertificateChainPolicy = harness.TrustOnlyOurs(),
            });
            return tls;
        }
        catch
        {
            await tls.DisposeAsync();
            tcp.Dispose();
            throw;
        }
    }
}
