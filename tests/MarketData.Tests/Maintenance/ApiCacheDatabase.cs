using Npgsql;

namespace PortfolioTracker.MarketData.Tests.Maintenance;

/// <summary>
/// One migrated PostgreSQL for the clean-up tests, reached as the service reaches it (as
/// <c>authenticator</c>); the superuser arranges rows and sees what is really left.
/// </summary>
public sealed class ApiCacheDatabase : IAsyncLifetime
{
    public static readonly DateTimeOffset Now = new(2025, 3, 12, 15, 0, 0, TimeSpan.Zero);

    public PostgresServer Server { get; private set; } = null!;

    public NpgsqlDataSource Authenticator { get; private set; } = null!;

    public NpgsqlDataSource Superuser { get; private set; } = null!;

    public RlsDatabase Database => new(Authenticator);

    public async Task InitializeAsync()
    {
        Server = await PostgresServer.StartMigratedAsync();
        Authenticator = NpgsqlDataSource.Create(Server.AuthenticatorConnectionString);
        Superuser = NpgsqlDataSource.Create(Server.SuperuserConnectionString());
    }

    /// <summary>Empties the table: every test counts what it left behind.</summary>
    public async Task ClearAsync()
    {
        await using var command = Superuser.CreateCommand("delete from api_cache");
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>A cached response that expires <paramref name="expiresIn"/> after <see cref="Now"/> (negative: already).</summary>
    public async Task AddAsync(string key, TimeSpan expiresIn)
    {
        var expiresAt = Now + expiresIn;
        await using var command = Superuser.CreateCommand(
            "insert into api_cache (cache_key, data, created_at, expires_at) values ($1, '{}'::jsonb, $2, $3)");
        command.Parameters.Add(new NpgsqlParameter { Value = key });
        command.Parameters.Add(new NpgsqlParameter { Value = expiresAt.AddDays(-1) });
        command.Parameters.Add(new NpgsqlParameter { Value = expiresAt });
        await command.ExecuteNonQueryAsync();
    }

    public async Task<IReadOnlyList<string>> KeysAsync()
    {
        await using var command = Superuser.CreateCommand("select cache_key from api_cache order by cache_key");
        await using var reader = await command.ExecuteReaderAsync();
        var keys = new List<string>();
        while (await reader.ReadAsync())
        {
            keys.Add(reader.GetString(0));
        }
        return keys;
    }

    public async Task DisposeAsync()
    {
        await Superuser.DisposeAsync();
        await Authenticator.DisposeAsync();
        await Server.DisposeAsync();
    }
}
