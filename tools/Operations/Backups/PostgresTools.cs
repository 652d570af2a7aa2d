using System.Globalization;
using System.Text.RegularExpressions;
using CliWrap;
using CliWrap.Buffered;
using Npgsql;

namespace PortfolioTracker.Operations.Backups;

/// <summary>
/// pg_dump and pg_restore of the server's own major version: from <c>PG_BIN</c> when set, else
/// the Debian location of that version (<c>/usr/lib/postgresql/N/bin</c>), else the PATH. A
/// pg_dump of another major version is refused before it runs (an older one cannot read the
/// server's catalog; a newer one writes archives the server's pg_restore cannot read).
/// </summary>
public sealed partial class PostgresTools
{
    private PostgresTools(string pgDump, string pgRestore, int major, string serverVersion, string pgDumpVersion)
    {
        PgDump = pgDump;
        PgRestore = pgRestore;
        Major = major;
        ServerVersion = serverVersion;
        PgDumpVersion = pgDumpVersion;
    }

    public string PgDump { get; }

    public string PgRestore { get; }

    public int Major { get; }

    public string ServerVersion { get; }

    public string PgDumpVersion { get; }

    public static async Task<PostgresTools> ForServerAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("select current_setting('server_version_num')::int, current_setting('server_version')", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var major = reader.GetInt32(0) / 10000;
        var serverVersion = reader.GetString(1);

        var pgDump = Locate("pg_dump", major);
        var pgRestore = Locate("pg_restore", major);
        var output = await Cli.Wrap(pgDump).WithArguments("--version").WithValidation(CommandResultValidation.None)
            .ExecuteBufferedAsync(cancellationToken);
        var match = VersionPattern().Match(output.StandardOutput);
        if (output.ExitCode != 0 || !match.Success)
        {
            throw new OperationFailedException($"{pgDump} --version did not answer with a version");
        }
        var dumpMajor = int.Parse(match.Groups["major"].Value, CultureInfo.InvariantCulture);
        if (dumpMajor != major)
        {
            throw new OperationFailedException(
                $"pg_dump {match.Groups["version"].Value} ({pgDump}) does not match the server's major version {major} ({serverVersion}); install postgresql-client-{major} or set PG_BIN");
        }
        return new PostgresTools(pgDump, pgRestore, major, serverVersion, match.Groups["version"].Value);
    }

    /// <summary>libpq's environment for a connection: the password never appears on a command line.</summary>
    public static Dictionary<string, string?> Environment(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        return new Dictionary<string, string?>
        {
            ["PGHOST"] = builder.Host,
            ["PGPORT"] = builder.Port.ToString(CultureInfo.InvariantCulture),
            ["PGUSER"] = builder.Username,
            ["PGPASSWORD"] = builder.Password,
            ["PGDATABASE"] = builder.Database,
            ["PGCONNECT_TIMEOUT"] = "10",
            ["PGAPPNAME"] = "portfolio-operator",
            // The services' connections verify the server's certificate; pg_dump does the same.
            ["PGSSLMODE"] = builder.SslMode switch
            {
                SslMode.Disable => "disable",
                SslMode.Allow => "allow",
                SslMode.Require => "require",
                SslMode.VerifyCA => "verify-ca",
                SslMode.VerifyFull => "verify-full",
                _ => "prefer",
            },
            ["PGSSLROOTCERT"] = builder.RootCertificate,
        };
    }

    private static string Locate(string tool, int major)
    {
        var configured = System.Environment.GetEnvironmentVariable("PG_BIN");
        foreach (var directory in new[] { configured, $"/usr/lib/postgresql/{major}/bin" })
        {
            if (!string.IsNullOrEmpty(directory) && File.Exists(Path.Combine(directory, tool)))
            {
                return Path.Combine(directory, tool);
            }
        }
        return tool; // the PATH's; its version is checked before use
    }

    [GeneratedRegex(@"\(PostgreSQL\)\s+(?<version>(?<major>\d+)(\.\d+)*)")]
    private static partial Regex VersionPattern();
}
