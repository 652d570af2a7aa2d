namespace PortfolioTracker.Db.LocalPostgres;

/// <summary>TLS for a local PostgreSQL server (<c>ssl=on</c>) and what its clients need to verify it.</summary>
public static class PostgresTls
{
    /// <summary>
    /// The server's TLS certificate and key (<c>server.crt</c>, <c>server.key</c> in the data directory,
    /// where <c>ssl=on</c> looks for them), created once for 127.0.0.1 and localhost and owned by the
    /// server's OS user (PostgreSQL refuses a key others can read); and a copy of the certificate at
    /// <paramref name="rootCertificatePath"/>, outside the private data directory, for clients to
    /// verify the server with (<c>SSL Mode=VerifyFull;Root Certificate=…</c>).
    /// </summary>
    public static void EnsureServerCertificate(string dataDirectory, string rootCertificatePath)
    {
        var certificatePath = Path.Combine(dataDirectory, "server.crt");
        using var certificate = SelfSignedCertificate.EnsureCreated(
            certificatePath, Path.Combine(dataDirectory, "server.key"), ["127.0.0.1", "localhost"], out var created);
        if (created)
        {
            OsUser.GiveToPostgres(certificatePath);
            OsUser.GiveToPostgres(Path.Combine(dataDirectory, "server.key"));
        }
        var pem = certificate.ExportCertificatePem() + "\n";
        if (!File.Exists(rootCertificatePath) || File.ReadAllText(rootCertificatePath) != pem)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(rootCertificatePath))!);
            File.WriteAllText(rootCertificatePath, pem);
        }
    }

    /// <summary>
    /// Connection string settings that make a client verify the server against its certificate
    /// (encrypted, and the name checked, so nothing in between can read or impersonate it).
    /// </summary>
    public static string VerifiedTls(string rootCertificatePath) => $"SSL Mode=VerifyFull;Root Certificate={rootCertificatePath}";
}
