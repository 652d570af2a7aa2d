using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using PortfolioTracker.Db.LocalPostgres;

namespace PortfolioTracker.Gateway.Tests.Tls;

/// <summary>
/// The gateway on real sockets, configured as the AppHost runs it: HTTPS (HTTP/1.1 and HTTP/2 by
/// ALPN) from a PEM certificate and key, plain HTTP/1.1 and h2c on loopback, each on a free port.
/// Portfolio's native gRPC leads to a <see cref="GrpcBackend"/>. Clients trust exactly the
/// certificate made for this run.
/// </summary>
public sealed class TlsGatewayHarness : GatewayHarness
{
    private readonly string _certificateDirectory = Directory.CreateTempSubdirectory("pt-gw-tls-").FullName;

    public int HttpsPort { get; } = FreePort.Next();

    public int PlainPort { get; } = FreePort.Next();

    public int PlainGrpcPort { get; } = FreePort.Next();

    public X509Certificate2 Certificate { get; private set; } = null!;

    public GrpcBackend GrpcBackend { get; private set; } = null!;

    public string CertificatePath => Path.Combine(_certificateDirectory, "gateway.crt");

    public string KeyPath => Path.Combine(_certificateDirectory, "gateway.key");

    protected override bool OnRealSockets => true;

    public override async Task InitializeAsync()
    {
        Certificate = SelfSignedCertificate.EnsureCreated(CertificatePath, KeyPath, ["127.0.0.1", "localhost"], out _);
        GrpcBackend = await GrpcBackend.StartAsync();
        await base.InitializeAsync();
    }

    protected override IEnumerable<KeyValuePair<string, string?>> Settings() =>
        new Dictionary<string, string?>(base.Settings())
        {
            ["Kestrel:Endpoints:Https:Url"] = $"https://127.0.0.1:{HttpsPort}",
            ["Kestrel:Endpoints:Https:Protocols"] = "Http1AndHttp2",
            ["Kestrel:Endpoints:Https:Certificate:Path"] = CertificatePath,
            ["Kestrel:Endpoints:Https:Certificate:KeyPath"] = KeyPath,
            ["Kestrel:Endpoints:Http:Url"] = $"http://127.0.0.1:{PlainPort}",
            ["Kestrel:Endpoints:Grpc:Url"] = $"http://127.0.0.1:{PlainGrpcPort}",
        };

    protected override IEnumerable<KeyValuePair<string, string?>> ServiceAddresses() =>
        new Dictionary<string, string?>(base.ServiceAddresses())
        {
            ["services:portfolio:grpc:0"] = GrpcBackend.Address,
        };

    public Uri HttpsAddress => new($"https://127.0.0.1:{HttpsPort}");

    public Uri PlainAddress => new($"http://127.0.0.1:{PlainPort}");

    /// <summary>A handler that trusts this run's certificate and nothing else.</summary>
    public SocketsHttpHandler TrustingHandler() => new()
    {
        SslOptions = new SslClientAuthenticationOptions { CertificateChainPolicy = TrustOnlyOurs() },
    };

    public X509ChainPolicy TrustOnlyOurs()
    {
        var policy = new X509ChainPolicy
        {
            TrustMode = X509ChainTrustMode.CustomRootTrust,
            RevocationMode = X509RevocationMode.NoCheck,
        };
        policy.CustomTrustStore.Add(Certificate);
        return policy;
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (GrpcBackend is not null)
        {
            await GrpcBackend.DisposeAsync();
        }
        Certificate?.Dispose();
        Directory.Delete(_certificateDirectory, recursive: true);
    }
}
