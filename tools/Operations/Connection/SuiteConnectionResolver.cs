using System.Globalization;
using Npgsql;

namespace PortfolioTracker.Operations.Connection;

/// <summary>Flags given on the command line; each, when set, wins over the environment and <c>.local/</c>.</summary>
public sealed record ConnectionOverrides(string? AdminConnectionString = null, string? StateDirectory = null, string? RedisConnectionString = null);

/// <summary>
/// Finds the suite the way <c>./run.sh</c> starts it, so an operator needs no flags against a
/// running suite: flags first, then the environment the AppHost itself reads
/// (<c>ConnectionStrings__postgres-admin</c>, <c>ConnectionStrings__redis</c>,
/// <c>LocalState__Directory</c>, <c>DataStores__PostgresPort</c>, <c>DataStores__RedisPort</c>),
/// then the passwords the run command generated in <c>.local/secrets/</c>.
/// </summary>
public static class SuiteConnectionResolver
{
    public const string DefaultDatabase = "portfolio";
    public const int DefaultPostgresPort = 55432;
    public const int DefaultRedisPort = 56379;
    public const string PostgresPasswordFile = "postgres-superuser.password";
    public const string RedisPasswordFile = "redis.password";

    public static SuiteConnection Resolve(ConnectionOverrides overrides, Func<string, string?>? environment = null, string? startDirectory = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var stateDirectory = ResolveStateDirectory(overrides, environment, startDirectory);

        var admin = overrides.AdminConnectionString
            ?? environment("ConnectionStrings__postgres-admin")
            ?? LocalAdminConnection(stateDirectory, Port(environment, "DataStores__PostgresPort", DefaultPostgresPort));
        Validate(admin);

        var redis = overrides.RedisConnectionString
            ?? environment("ConnectionStrings__redis")
            ?? LocalRedisConnection(stateDirectory, Port(environment, "DataStores__RedisPort", DefaultRedisPort));
        return new SuiteConnection(admin, stateDirectory, redis);
    }

    /// <summary>Only the state folder (secrets, keys): for commands that need no database.</summary>
    public static string ResolveStateDirectory(ConnectionOverrides overrides, Func<string, string?>? environment = null, string? startDirectory = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var start = startDirectory ?? Directory.GetCurrentDirectory();
        return Path.GetFullPath(
            overrides.StateDirectory
            ?? environment("LocalState__Directory")
            ?? FindStateDirectory(start)
            ?? FindStateDirectory(AppContext.BaseDirectory)
            ?? Path.Combine(start, ".local"));
    }

    /// <summary>The nearest <c>.local/secrets</c> folder at or above <paramref name="directory"/>.</summary>
    private static string? FindStateDirectory(string directory)
    {
        for (var current = new DirectoryInfo(directory); current is not null; current = current.Parent)
        {
            var candidate = Path.Combine(current.FullName, ".local");
            if (Directory.Exists(Path.Combine(candidate, "secrets")))
            {
                return candidate;
            }
        }
        return null;
    }

    private static string LocalAdminConnection(string stateDirectory, int port)
    {
        var passwordFile = Path.Combine(stateDirectory, "secrets", PostgresPasswordFile);
        if (!File.Exists(passwordFile))
        {
            throw new ConnectionSettingsException(
                $"no database settings: {passwordFile} does not exist (start the suite with ./run.sh, or pass --connection)");
        }
        return new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = port,
            Database = DefaultDatabase,
            Username = "postgres",
            Password = ReadSecret(passwordFile),
        }.ConnectionString;
    }

    private static string? LocalRedisConnection(string stateDirectory, int port)
    {
        var passwordFile = Path.Combine(stateDirectory, "secrets", RedisPasswordFile);
        return File.Exists(passwordFile)
            ? $"127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)},password={ReadSecret(passwordFile)}"
            : null;
    }

    private static string ReadSecret(string path)
    {
        try
        {
            return File.ReadAllText(path).Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConnectionSettingsException($"cannot read {path}: {e.Message}", e);
        }
    }

    private static int Port(Func<string, string?> environment, string name, int fallback)
    {
        var text = environment(name);
        if (text is null)
        {
            return fallback;
        }
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and < 65536
            ? port
            : throw new ConnectionSettingsException($"{name} must be a port number, not '{text}'");
    }

    private static void Validate(string connectionString)
    {
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            if (string.IsNullOrEmpty(builder.Host) || string.IsNullOrEmpty(builder.Database))
            {
                throw new ConnectionSettingsException("the connection string needs a Host and a Database");
            }
        }
        catch (ArgumentException e)
        {
            // The connection string may hold a password: name the problem, not the text.
            throw new ConnectionSettingsException($"the connection string is not valid: {e.Message}", e);
        }
    }
}
