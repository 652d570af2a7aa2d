using System.Net;
using Microsoft.Extensions.DependencyInjection;
using PortfolioTracker.ServiceDefaults.Data;
using PortfolioTracker.TestSupport;

namespace PortfolioTracker.Portfolio.Tests.MarketCalls;

/// <summary>
/// Portfolio warms up before it listens (the pool, the cold summary's statements, the engine on a
/// generated ledger, the token validation), and a database that does not answer delays the start at most
/// <c>WarmUp:Limit</c>: the service then listens cold instead of failing.
/// </summary>
public sealed class StartupWarmUpTests(MarketSuiteHarness harness) : IClassFixture<MarketSuiteHarness>
{
    [Fact]
    public void TheServiceIsWarmBeforeItAnswersItsFirstRequest()
    {
        // The test server's host has started: every hosted service's start has completed.
        Assert.Contains(harness.Logs.Entries, e => e.Category.EndsWith("PortfolioWarmUp", StringComparison.Ordinal)
            && e.Message.StartsWith("Warm before listening", StringComparison.Ordinal));
        Assert.DoesNotContain(harness.Logs.Entries, e => e.Message.StartsWith("Warm-up", StringComparison.Ordinal));
    }

    [Fact]
    public void TheTokenPathIsWarmBeforeTheFirstRequestWithATokenOfTheSuitesShapeValidatedByTheServicesOwnRules()
    {
        // A token the service's rules rejected (issuer, audience, algorithm) or claims it could not map would log why instead.
        Assert.Contains(harness.Logs.Entries, e => e.Category.EndsWith("TokenValidationWarmUp", StringComparison.Ordinal)
            && e.Message == "Token validation warm before listening");
        Assert.DoesNotContain(harness.Logs.Entries, e => e.Message.StartsWith("Token", StringComparison.Ordinal) && e.Message.Contains("not", StringComparison.Ordinal));
    }
}

/// <summary>Portfolio pointed at a database port where nothing listens, with a short warm-up limit.</summary>
public sealed class UnreachableDatabaseHarness : ServiceHarness<Program>
{
    public LogRecorder Logs { get; } = new();

    protected override IEnumerable<KeyValuePair<string, string?>> Settings() =>
    [
        .. InProcessServices.Addresses,
        new($"ConnectionStrings:{DatabaseExtensions.ConnectionName}", "Host=127.0.0.1;Port=9;Database=portfolio;Username=authenticator;Password=unused;Timeout=1"),
        new("WarmUp:Limit", "00:00:02"),
    ];

    protected override void ConfigureServices(IServiceCollection services) =>
        services.AddSingleton<Microsoft.Extensions.Logging.ILoggerProvider>(Logs);
}

public sealed class WarmUpWithoutDatabaseTests(UnreachableDatabaseHarness harness) : IClassFixture<UnreachableDatabaseHarness>
{
    [Fact]
    public async Task AServiceWhoseDatabaseDoesNotAnswerStartsColdAfterTheWarmUpLimitAndSaysWhy()
    {
        using var alive = await harness.Http.GetAsync("/alive");

        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
        Assert.Contains(harness.Logs.Entries, e => e.Message.StartsWith("Warm-up: the database does not accept connections yet", StringComparison.Ordinal));
        Assert.Contains(harness.Logs.Entries, e => e.Message.StartsWith("Warm-up cut after 2 s; listening cold", StringComparison.Ordinal));
    }
}
