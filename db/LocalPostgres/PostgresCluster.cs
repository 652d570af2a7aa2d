using System.Diagnostics;
using System.Globalization;
using System.Runtime.Versioning;

namespace PortfolioTracker.Db.LocalPostgres;

/// <summary>
/// A PostgreSQL cluster from the locally installed server binaries: created once (initdb)
/// and served on loopback TCP only, over TLS, with password (SCRAM) authentication.
/// </summary>
[UnsupportedOSPlatform("windows")]
public static class PostgresCluster
{
    public const string DefaultBinDirectory = "/usr/lib/postgresql/15/bin";

    public static void EnsureInitialized(string binDirectory, string dataDirectory, string superuserPassword)
    {
        if (File.Exists(Path.Combine(dataDirectory, "PG_VERSION")))
        {
            return;
        }
        RequireBinaries(binDirectory);

        var parent = Path.GetDirectoryName(dataDirectory)!;
        Directory.CreateDirectory(parent);
        OsUser.GiveToPostgres(parent);

        // initdb reads the superuser password from a file; it lives only for this call.
        var passwordFile = Path.Combine(parent, ".initdb-password");
        File.WriteAllText(passwordFile, superuserPassword);
        File.SetUnixFileMode(passwordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        OsUser.GiveToPostgres(passwordFile);
        try
        {
            using var process = Process.Start(OsUser.StartInfo(Path.Combine(binDirectory, "initdb"),
            [
                "-D", dataDirectory,
                "-U", "postgres",
                "--pwfile", passwordFile,
                "--auth-local=scram-sha-256",
                "--auth-host=scram-sha-256",
                "--encoding=UTF8",
                "--locale=C.UTF-8",
            ]))!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"initdb failed ({process.ExitCode}): {error}{output.Result}");
            }
        }
        finally
        {
            File.Delete(passwordFile);
        }
    }

    /// <summary>
    /// Arguments for the <c>postgres</c> server: loopback TCP only, TLS on (see
    /// <see cref="PostgresTls.EnsureServerCertificate"/>), UTC, statement statistics on, private logs,
    /// and the buffer cache refilled after a restart: <c>pg_prewarm</c>'s autoprewarm records which
    /// blocks the cache holds (every 5 minutes and at shutdown) and reads them back in at start, so
    /// the first requests after a restart do not each wait for their index pages from disk.
    /// </summary>
    public static string[] ServerArguments(string dataDirectory, int port) =>
    [
        .. PostgresLogSettings.Private,
        "-c", "ssl=on",
        "-c", "ssl_min_protocol_version=TLSv1.2",
        "-D", dataDirectory,
        "-p", port.ToString(CultureInfo.InvariantCulture),
        "-c", "listen_addresses=127.0.0.1",
        "-c", "unix_socket_directories=",
        "-c", "timezone=UTC",
        "-c", "shared_preload_libraries=pg_stat_statements,pg_prewarm",
        "-c", "max_connections=200",
    ];

    public static void RequireBinaries(string binDirectory)
    {
        if (!File.Exists(Path.Combine(binDirectory, "postgres")))
        {
            throw new InvalidOperationException(
                $"PostgreSQL 15 server binaries were not found in {binDirectory}: install postgresql-15 (apt-get install -y postgresql-15).");
        }
    }
}
