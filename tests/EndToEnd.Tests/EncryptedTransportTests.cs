using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using PortfolioTracker.EndToEnd.Tests.Support;

namespace PortfolioTracker.EndToEnd.Tests;

/// <summary>
/// Transport encryption as the AppHost sets it up: the gateway serves HTTPS with the self-signed
/// certificate it created in the state folder, and every service reaches PostgreSQL over TLS.
/// </summary>
[Collection(SuiteCollection.Name)]
public class EncryptedTransportTests(SuiteFixture suite)
{
    [Fact]
    public async Task TheGatewayServesHttp2OverHttpsWithTheCertificateTheRunCreated()
    {
        using var certificate = X509Certificate2.CreateFromPem(
            await File.ReadAllTextAsync(Path.Combine(suite.StateDirectory, "tls", "gateway.crt")));
        var policy = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust, RevocationMode = X509RevocationMode.NoCheck };
        policy.CustomTrustStore.Add(certificate);
        using var https = new HttpClient(new SocketsHttpHandler { SslOptions = new SslClientAuthenticationOptions { CertificateChainPolicy = policy } })
        {
            BaseAddress = new Uri($"https://127.0.0.1:{suite.HttpsPort}"),
            DefaultRequestVersion = HttpVersion.Version20,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        var user = await suite.Http.SignUpAsync();

        // A request message of its own: the client's default version applies only to its GetAsync-style helpers.
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/transactions")
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", user.AccessToken);
        using var response = await https.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpVersion.Version20, response.Version);
        Assert.True(response.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task EveryServiceConnectionToPostgresIsEncrypted()
    {
        var user = await suite.Http.SignUpAsync();
        await suite.Http.SendAsync(HttpMethod.Get, "/v1/transactions", user.AccessToken);
        await suite.Http.SendAsync(HttpMethod.Get, "/v1/stocks/AAPL", user.AccessToken);
        await suite.Http.SendAsync(HttpMethod.Get, "/v1/dividends", user.AccessToken);

        var authenticatorConnections = await suite.CountAsync(
            "select count(*) from pg_stat_activity a join pg_stat_ssl s using (pid) where a.usename = 'authenticator'");
        var unencrypted = await suite.CountAsync(
            "select count(*) from pg_stat_activity a join pg_stat_ssl s using (pid) where a.usename = 'authenticator' and not s.ssl");

        Assert.True(authenticatorConnections >= 4, $"{authenticatorConnections} service connections");
        Assert.Equal(0, unencrypted);
    }
}
