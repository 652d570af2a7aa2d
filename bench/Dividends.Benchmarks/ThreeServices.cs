extern alias marketdata;
extern alias portfolio;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Options;
using PortfolioTracker.ServiceDefaults.Cache;
using PortfolioTracker.ServiceDefaults.Data;
using PortfolioTracker.TestSupport;

namespace PortfolioTracker.Dividends.Benchmarks;

/// <summary>
/// Dividends, Portfolio and MarketData, each its real Program in a test server over one
/// PostgreSQL and Redis, Dividends calling the other two over native gRPC (in-memory handlers
/// instead of sockets), as tests/Dividends.Tests runs them.
/// </summary>
public sealed class ThreeServices : IAsyncDisposable
{
    private static readonly KeyValuePair<string, string?>[] Addresses =
    [
        new("services:portfolio:grpc:0", "http://portfolio.test"),
        new("services:portfolio:http:0", "http://portfolio.test"),
        new("services:marketdata:grpc:0", "http://marketdata.test"),
        new("services:marketdata:http:0", "http://marketdata.test"),
    ];

    private readonly WebApplicationFactory<Program> _dividends;
    private readonly WebApplicationFactory<portfolio::Program> _portfolio;
    private readonly WebApplicationFactory<marketdata::Program> _marketData;

    public ThreeServices(PostgresServer postgres, RedisServer redis, TestTokens tokens)
    {
        // The services' content roots: a test project gets them from the testing package's build
        // step, a console program names them (the output folder: no content is read from it).
        foreach (var service in new[] { "DIVIDENDS", "PORTFOLIO", "MARKETDATA" })
        {
            Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_" + service, AppContext.BaseDirectory);
        }
        _portfolio = Configure(new WebApplicationFactory<portfolio::Program>(), postgres, redis, tokens);
        _marketData = Configure(new WebApplicationFactory<marketdata::Program>(), postgres, redis, tokens);
        _dividends = Configure(new WebApplicationFactory<Program>(), postgres, redis, tokens);
        Dividends = Channel(_dividends.Server);
        Portfolio = Channel(_portfolio.Server);
        MarketData = Channel(_marketData.Server);
    }

    public GrpcChannel Dividends { get; }

    public GrpcChannel Portfolio { get; }

    public GrpcChannel MarketData { get; }

    /// <summary>The Dividends service's own services, to time its database work alone.</summary>
    public IServiceProvider DividendServices => _dividends.Services;

    private static GrpcChannel Channel(TestServer server) =>
        GrpcChannel.ForAddress(server.BaseAddress, new GrpcChannelOptions { HttpHandler = server.CreateHandler() });

    private WebApplicationFactory<T> Configure<T>(WebApplicationFactory<T> factory, PostgresServer postgres, RedisServer redis, TestTokens tokens)
        where T : class =>
        factory.WithWebHostBuilder(host =>
        {
            host.UseEnvironment(Environments.Production);
            host.UseSetting($"ConnectionStrings:{DatabaseExtensions.ConnectionName}", postgres.AuthenticatorConnectionString);
            host.UseSetting($"ConnectionStrings:{RedisExtensions.ConnectionName}", redis.ConnectionString);
            host.UseSetting("Logging:LogLevel:Default", "Warning");
            // Only the steps timed here run: no background sync beside them.
            host.UseSetting("Dividends:SyncJob:Enabled", "false");
            foreach (var (key, value) in Addresses)
            {
                host.UseSetting(key, value);
            }
            host.ConfigureTestServices(services =>
            {
                tokens.TrustIn(services);
                services.AddSingleton<IConfigureOptions<HttpClientFactoryOptions>>(new Routing(this));
            });
        });

    private sealed class Routing(ThreeServices services) : IConfigureNamedOptions<HttpClientFactoryOptions>
    {
        private static readonly string[] PortfolioClients = ["DividendLedgerService", "HoldingService"];

        public void Configure(HttpClientFactoryOptions options) => Configure(Options.DefaultName, options);

        public void Configure(string? name, HttpClientFactoryOptions options)
        {
            var client = name ?? "";
            if (client.Contains("Service", StringComparison.Ordinal))
            {
                options.HttpMessageHandlerBuilderActions.Add(builder => builder.PrimaryHandler = PortfolioClients.Any(client.Contains)
                    ? services._portfolio.Server.CreateHandler()
                    : services._marketData.Server.CreateHandler());
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        Dividends.Dispose();
        Portfolio.Dispose();
        MarketData.Dispose();
        await _dividends.DisposeAsync();
        await _portfolio.DisposeAsync();
        await _marketData.DisposeAsync();
    }
}
