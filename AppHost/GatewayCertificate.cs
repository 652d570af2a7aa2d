using Microsoft.Extensions.Configuration;
using PortfolioTracker.Db.LocalPostgres;

namespace PortfolioTracker.AppHost;

/// <summary>
/// The certificate the gateway serves HTTPS with: the one configured under <c>Gateway:Tls</c>
/// (<c>CertificatePath</c> + <c>KeyPath</c> for PEM files such as Let's Encrypt's fullchain.pem and
/// privkey.pem, or a PFX <c>CertificatePath</c>; <c>Password</c> for a PFX or an encrypted key),
/// else a self-signed one created once in <c>.local/tls/</c> (key mode 0600) for 127.0.0.1,
/// localhost and this machine's name. Its SHA-256 fingerprint is printed at every start, so a
/// client can check what it is shown before trusting it.
/// </summary>
public sealed record GatewayCertificate(string CertificatePath, string? KeyPath, string? Password)
{
    public static GatewayCertificate Resolve(IConfiguration configuration, LocalState state)
    {
        var tls = configuration.GetSection("Gateway:Tls");
        if (!string.IsNullOrWhiteSpace(tls["CertificatePath"]))
        {
            var configured = new GatewayCertificate(Path.GetFullPath(tls["CertificatePath"]!),
                string.IsNullOrWhiteSpace(tls["KeyPath"]) ? null : Path.GetFullPath(tls["KeyPath"]!), tls["Password"]);
            if (!File.Exists(configured.CertificatePath) || (configured.KeyPath is { } key && !File.Exists(key)))
            {
                throw new DistributedApplicationException(
                    $"Gateway:Tls names a certificate that does not exist: {configured.CertificatePath} {configured.KeyPath}");
            }
            Console.WriteLine($"  Gateway HTTPS certificate: {configured.CertificatePath}");
            return configured;
        }

        using var certificate = SelfSignedCertificate.EnsureCreated(
            state.GatewayCertificatePath, state.GatewayKeyPath, ["127.0.0.1", "localhost", Environment.MachineName], out var created);
        Console.WriteLine($"""
              Gateway HTTPS certificate ({(created ? "self-signed, created now" : "self-signed")}): {state.GatewayCertificatePath}
                SHA-256 fingerprint: {SelfSignedCertificate.Sha256Fingerprint(certificate)}
                Trust it with: curl --cacert {state.GatewayCertificatePath} https://127.0.0.1:…
            """);
        return new GatewayCertificate(state.GatewayCertificatePath, state.GatewayKeyPath, null);
    }
}
