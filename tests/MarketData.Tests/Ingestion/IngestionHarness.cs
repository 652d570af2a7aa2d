using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using PortfolioTracker.MarketData.Application;
using PortfolioTracker.MarketData.Caching;
using PortfolioTracker.MarketData.Data;
using PortfolioTracker.MarketData.Ingestion;
using PortfolioTracker.MarketData.Messaging;
using PortfolioTracker.MarketData.Providers.AlphaVantage;
using StackExchange.Redis;

namespace PortfolioTracker.MarketData.Tests.Ingestion;

/// <summary>
/// Ingestion as the service wires it, against real parts: a migrated PostgreSQL, a Redis,
/// and the fake Alpha Vantage server; the clock is manual so "today" is chosen by the test.
/// </summary>
public sealed class IngestionHarness : IAsyncLifetime
{
    private IHost? _host;

    public PostgresServer Postgres { get; private set; } = null!;

    public RedisServer Redis { get; private set; } = null!;

    public FakeAlphaVantageServer Provider { get; private set; } = null!;

    public ManualClock Clock { get; } = new(new DateTimeOffset(2024, 6, 19, 12, 0, 0, TimeSpan.Zero));

    public NpgsqlDataSource Superuser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Postgres = await PostgresServer.StartMigratedAsync();
        Redis = await RedisServer.StartAsync();
        Provider = await FakeAlphaVantageServer.StartAsync();
        Superuser = NpgsqlDataSource.Create(Postgres.SuperuserConnectionString());
    }

    public PriceIngestor Ingestor(bool withApiKey = true) => Build(withApiKey).GetRequiredService<PriceIngestor>();

    public DividendEventIngestor DividendIngestor(bool withApiKey = true) => Build(withApiKey).GetRequiredService<DividendEventIngestor>();

    /// <summary>The parts as the service wires them, for tests of one of them (one set at a time).</summary>
    public IServiceProvider Services() => Build(withApiKey: true);

    private IServiceProvider Build(bool withApiKey)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"{AlphaVantageOptions.SectionName}:BaseUrl"] = Provider.BaseUrl.ToString(),
            [$"{AlphaVantageOptions.SectionName}:ApiKey"] = withApiKey ? ClientHarness.ApiKey : "",
            [$"{AlphaVantageOptions.SectionName}:RetryBaseDelay"] = "00:00:00.010",
            [$"{AlphaVantageOptions.SectionName}:CacheTtl:TIME_SERIES_DAILY"] = "00:00:00",
        });
        builder.AddServiceDefaults();
        builder.Services.AddSingleton<TimeProvider>(Clock);
        builder.Services.AddSingleton(NpgsqlDataSource.Create(Postgres.AuthenticatorConnectionString));
        builder.Services.AddSingleton<RlsDatabase>();
        builder.Services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(Redis.ConnectionString));
        builder.Services.AddSingleton<PriceRepository>();
        builder.Services.AddSingleton<StockRepository>();
        builder.Services.AddSingleton<FinancialsRepository>();
        builder.Services.AddSingleton<MarketHolidayRepository>();
        builder.Services.AddSingleton<IProviderStateStore, ProviderStateRepository>();
        builder.Services.AddSingleton<MarketCalendar>();
        builder.Services.AddSingleton<LatestCloseCache>();
        builder.Services.AddSingleton<PriceAnnouncer>();
        builder.Services.AddSingleton<BarWriter>();
        builder.Services.AddSingleton<PriceIngestor>();
        builder.Services.AddSingleton<DividendEventRepository>();
        builder.Services.AddSingleton<DividendEventIngestor>();
        builder.Services.AddSingleton<TrackedSymbolRepository>();
        builder.AddAlphaVantageProvider();
        _host?.Dispose();
        _host = builder.Build();
        return _host.Services;
    }

    /// <summary>Makes <paramref name="symbol"/> tracked: a user watches it.</summary>
    public async Task WatchAsync(string symbol)
    {
        var user = Guid.NewGuid();
        await using var command = Superuser.CreateCommand(
            """
            with u as (insert into auth.users (id, email, password_hash) values ($1, $1::text || '@example.com', 'x') returning id)
            insert into watchlist (user_id, symbol) select id, $2 from u
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = user });
        command.Parameters.Add(new NpgsqlParameter { Value = symbol });
        await command.ExecuteNonQueryAsync();
    }

    public async Task<long> CountBarsAsync(string symbol)
    {
        await using var command = Superuser.CreateCommand("select count(*) from historical_prices where symbol = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = symbol });
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public async Task DisposeAsync()
    {
        _host?.Dispose();
        await Superuser.DisposeAsync();
        await Provider.DisposeAsync();
        await Redis.DisposeAsync();
        await Postgres.DisposeAsync();
    }
}
