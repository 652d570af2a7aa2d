using Npgsql;
using PortfolioTracker.MarketData.Data;

namespace PortfolioTracker.MarketData.Tests;

/// <summary>One migrated PostgreSQL for the store tests, reached as the services reach it: as <c>authenticator</c>.</summary>
public sealed class ProviderStateDatabase : IAsyncLifetime
{
    public PostgresServer Server { get; private set; } = null!;

    public NpgsqlDataSource Authenticator { get; private set; } = null!;

    public ProviderStateRepository Store { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = await PostgresServer.StartMigratedAsync();
        Authenticator = NpgsqlDataSource.Create(Server.AuthenticatorConnectionString);
        Store = new ProviderStateRepository(new RlsDatabase(Authenticator));
    }

    public async Task DisposeAsync()
    {
        await Authenticator.DisposeAsync();
        await Server.DisposeAsync();
    }
}
