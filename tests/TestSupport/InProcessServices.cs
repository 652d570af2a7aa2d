using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Options;
using PortfolioTracker.ServiceDefaults.Cache;
using PortfolioTracker.ServiceDefaults.Data;

namespace PortfolioTracker.TestSupport;

/// <summary>
/// How a service's real <c>Program</c> runs in a test server here (as in production, over the
/// given PostgreSQL reached as <c>authenticator</c> and Redis, trusting <see cref="TestTokens"/>),
/// and how one service's gRPC clients reach another's test server through its in-memory handler
/// instead of a socket. Service discovery must still resolve the names (<see cref="Addresses"/>);
/// the handlers carry the calls.
/// </summary>
public static class InProcessServices
{
    public static IReadOnlyList<KeyValuePair<string, string?>> Addresses { get; } =
    [
        new("services:portfolio:grpc:0", "http://portfolio.test"),
        new("services:portfolio:http:0", "http://portfolio.test"),
        new("services:marketdata:grpc:0", "http://marketdata.test"),
        new("services:marketdata:http:0", "http://marketdata.test"),
    ];

    /// <summary>The gRPC clients other services hold of Portfolio (named after the proto service); the rest are MarketData's.</summary>
    private static readonly string[] PortfolioClients = ["DividendLedgerService", "HoldingService", "TransactionService"];

    /// <summary><paramref name="factory"/> set up as production over <paramref name="postgres"/> and <paramref name="redis"/>, with <paramref name="settings"/> and the test token key.</summary>
    public static WebApplicationFactory<T> Configure<T>(
        WebApplicationFactory<T> factory, PostgresServer postgres, RedisServer redis, TestTokens tokens,
        IEnumerable<KeyValuePair<string, string?>> settings, Action<IServiceCollection>? configureServices = null)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(factory);
        ArgumentNullException.ThrowIfNull(postgres);
        ArgumentNullException.ThrowIfNull(redis);
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(settings);
        return factory.WithWebHostBuilder(host =>
        {
            host.UseEnvironment(Environments.Production);
            host.UseSetting($"ConnectionStrings:{DatabaseExtensions.ConnectionName}", postgres.AuthenticatorConnectionString);
            host.UseSetting($"ConnectionStrings:{RedisExtensions.ConnectionName}", redis.ConnectionString);
            foreach (var (key, value) in settings)
            {
                host.UseSetting(key, value);
            }
            host.ConfigureTestServices(services =>
            {
                tokens.TrustIn(services);
                configureServices?.Invoke(services);
            });
        });
    }

    /// <summary>
    /// Sends the gRPC clients registered in <paramref name="services"/> to test servers: Portfolio's
    /// to <paramref name="portfolio"/> (when given), every other to <paramref name="marketData"/>.
    /// Servers are asked for at each call's handler creation, so they may start after this runs.
    /// </summary>
    public static void RouteClients(IServiceCollection services, Func<TestServer> marketData, Func<TestServer>? portfolio = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton<IConfigureOptions<HttpClientFactoryOptions>>(new ClientRouting(marketData, portfolio));
    }

    /// <summary>Native gRPC to <paramref name="server"/> over its in-memory handler.</summary>
    public static GrpcChannel Channel(TestServer server)
    {
        ArgumentNullException.ThrowIfNull(server);
        return GrpcChannel.ForAddress(server.BaseAddress, new GrpcChannelOptions { HttpHandler = server.CreateHandler() });
    }

    private sealed class ClientRouting(Func<TestServer> marketData, Func<TestServer>? portfolio) : IConfigureNamedOptions<HttpClientFactoryOptions>
    {
        public void Configure(HttpClientFactoryOptions options) => Configure(Options.DefaultName, options);

        public void Configure(string? name, HttpClientFactoryOptions options)
        {
            var client = name ?? "";
            if (!client.Contains("Service", StringComparison.Ordinal))
            {
                return; // not a gRPC client of the suite
            }
            var target = portfolio is not null && PortfolioClients.Any(client.Contains) ? portfolio : marketData;
            options.HttpMessageHandlerBuilderActions.Add(builder => builder.PrimaryHandler = target().CreateHandler());
        }
    }
}
