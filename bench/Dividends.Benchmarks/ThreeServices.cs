extern alias marketdata;
extern alias portfolio;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Mvc.Testing;
using PortfolioTracker.TestSupport;

namespace PortfolioTracker.Dividends.Benchmarks;

/// <summary>
/// Dividends, Portfolio and MarketData, each its real Program in a test server over one
/// PostgreSQL and Redis, Dividends calling the other two over native gRPC (in-memory handlers
/// instead of sockets), as tests/Dividends.Tests runs them.
/// </summary>
public sealed class ThreeServices : IAsyncDisposable
{
    private static readonly KeyValuePair<string, string?>[] Settings =
    [
        .. InProcessServices.Addresses,
        new("Logging:LogLevel:Default", "Warning"),
        // Only the steps timed here run: no background sync beside them.
        new("Dividends:SyncJob:Enabled", "false"),
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
        _portfolio = Start(new WebApplicationFactory<portfolio::Program>(), postgres, redis, tokens);
        _marketData = Start(new WebApplicationFactory<marketdata::Program>(), postgres, redis, tokens);
        _dividends = Start(new WebApplicationFactory<Program>(), postgres, redis, tokens);
        Dividends = InProcessServices.Channel(_dividends.Server);
        Portfolio = InProcessServices.Channel(_portfolio.Server);
        MarketData = InProcessServices.Channel(_marketData.Server);
    }

    public GrpcChannel Dividends { get; }

    public GrpcChannel Portfolio { get; }

    public GrpcChannel MarketData { get; }

    /// <summary>The Dividends service's own services, to time its database work alone.</summary>
    public IServiceProvider DividendServices => _dividends.Services;

    private WebApplicationFactory<T> Start<T>(WebApplicationFactory<T> factory, PostgresServer postgres, RedisServer redis, TestTokens tokens)
        where T : class =>
        InProcessServices.Configure(factory, postgres, redis, tokens, Settings, services =>
            InProcessServices.RouteClients(services, marketData: () => _marketData.Server, portfolio: () => _portfolio.Server));

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
