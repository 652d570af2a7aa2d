using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace PortfolioTracker.Db.LocalPostgres;

/// <summary>
/// A self-signed certificate (ECDSA P-256) for a local server, as PEM files: created once and kept,
/// the private key readable by its owner only (0600). Its own issuer, so clients trust exactly it
/// (<c>curl --cacert</c>, Npgsql's <c>Root Certificate</c>) and verify the server's name against it.
/// </summary>
public static class SelfSignedCertificate
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(825);

    /// <summary>The certificate at <paramref name="certificatePath"/>, created with its key first if either file is missing.</summary>
    /// <param name="names">Host names and IP addresses the certificate is valid for; the first is its subject.</param>
    public static X509Certificate2 EnsureCreated(string certificatePath, string keyPath, IReadOnlyList<string> names, out bool created)
    {
        created = !File.Exists(certificatePath) || !File.Exists(keyPath);
        if (created)
        {
            Create(certificatePath, keyPath, names);
        }
        return X509Certificate2.CreateFromPem(File.ReadAllText(certificatePath));
    }

    /// <summary>The SHA-256 fingerprint as browsers and <c>openssl x509 -fingerprint -sha256</c> show it (AB:CD:…).</summary>
    public static string Sha256Fingerprint(X509Certificate2 certificate) =>
        Convert.ToHexString(certificate.GetCertHash(HashAlgorithmName.SHA256)).Chunk(2).Select(pair => new string(pair)).Aggregate((a, b) => a + ":" + b);

    private static void Create(string certificatePath, string keyPath, IReadOnlyList<string> names)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={names[0]}", key, HashAlgorithmName.SHA256);
        var alternativeNames = new SubjectAlternativeNameBuilder();
        foreach (var name in names)
        {
            if (IPAddress.TryParse(name, out var address))
            {
                alternativeNames.AddIpAddress(address);
            }
            else
            {
                alternativeNames.AddDnsName(name);
            }
        }
        request.CertificateExtensions.Add(alternativeNames.Build());
        // Its own authority: OpenSSL-based clients accept it as a trust anchor given as a CA file.
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: true, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(
            X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyCertSign, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));

        var now = DateTimeOffset.UtcNow;
        using var certificate = request.CreateSelfSigned(now.AddMinutes(-5), now + Lifetime);

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(keyPath))!);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(certificatePath))!);
        WriteFile(keyPath, key.ExportPkcs8PrivateKeyPem(), UnixFileMode.UserRead | UnixFileMode.UserWrite);
        WriteFile(certificatePath, certificate.ExportCertificatePem() + "\n",
            UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
    }

    private static void WriteFile(string path, string text, UnixFileMode mode)
    {
        File.Delete(path);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = mode;
        }
        using var writer = new StreamWriter(path, options);
        writer.Write(text);
    }
}
