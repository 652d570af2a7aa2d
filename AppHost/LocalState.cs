using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;

namespace PortfolioTracker.AppHost;

/// <summary>
/// The git-ignored folder (<c>.local/</c> at the repository root unless
/// <c>LocalState:Directory</c> says otherwise) holding what must survive restarts: the
/// Postgres data directory, generated passwords, the token signing key and the TLS certificates.
/// </summary>
public sealed class LocalState
{
    private LocalState(string directory)
    {
        Directory = directory;
        System.IO.Directory.CreateDirectory(directory);
        if (!OperatingSystem.IsWindows())
        {
            // The postgres OS user must reach its data directory below this one; the secrets
            // and keys folders stay private (0700).
            File.SetUnixFileMode(directory, (UnixFileMode)0b111_101_101);
        }
        PostgresPassword = Secret("postgres-superuser.password");
        AuthenticatorPassword = Secret("authenticator.password");
        RedisPassword = Secret("redis.password");
        // The operations service's monitoring login (ops_monitor); the operator CLI reads the same file.
        MonitorPassword = Secret("ops-monitor.password");
        // The nightly backup's login (backup_reader); the operator CLI's backups use the same file.
        BackupReaderPassword = Secret("backup-reader.password");
    }

    public string Directory { get; }

    public string PostgresPassword { get; }

    public string AuthenticatorPassword { get; }

    public string RedisPassword { get; }

    public string MonitorPassword { get; }

    public string BackupReaderPassword { get; }

    public string SigningKeyPath => Path.Combine(Directory, "keys", "jwt-signing-key.pem");

    public string PostgresDataDirectory => Path.Combine(Directory, "postgres", "data");

    /// <summary>The local PostgreSQL's certificate, which the services verify it against.</summary>
    public string PostgresRootCertificatePath => Path.Combine(Directory, "tls", "postgres-root.crt");

    /// <summary>The gateway's self-signed certificate and key, when no certificate is configured.</summary>
    public string GatewayCertificatePath => Path.Combine(Directory, "tls", "gateway.crt");

    public string GatewayKeyPath => Path.Combine(Directory, "tls", "gateway.key");

    public static LocalState For(IDistributedApplicationBuilder builder)
    {
        var configured = builder.Configuration["LocalState:Directory"];
        var directory = string.IsNullOrWhiteSpace(configured)
            ? Path.GetFullPath(Path.Combine(builder.AppHostDirectory, "..", ".local"))
            : Path.GetFullPath(configured);
        return new LocalState(directory);
    }

    /// <summary>A random password generated on first start and kept (mode 0600) for the next.</summary>
    private string Secret(string name)
    {
        var secrets = Path.Combine(Directory, "secrets");
        System.IO.Directory.CreateDirectory(secrets);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(secrets, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var path = Path.Combine(secrets, name);
        if (File.Exists(path))
        {
            return File.ReadAllText(path).Trim();
        }
        var value = Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant();
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        using (var stream = new FileStream(path, options))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(value);
        }
        return value;
    }
}
