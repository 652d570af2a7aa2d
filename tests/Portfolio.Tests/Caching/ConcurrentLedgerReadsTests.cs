using System.Net;
using Microsoft.Extensions.DependencyInjection;
using PortfolioTracker.Portfolio.Application.Metrics;
using PortfolioTracker.Portfolio.Caching;
using PortfolioTracker.Portfolio.Domain.Metrics;
using PortfolioTracker.Portfolio.Tests.Import;
using PortfolioTracker.ServiceDefaults.Data;
using PortfolioTracker.TestSupport;

namespace PortfolioTracker.Portfolio.Tests.Caching;

/// <summary>
/// Requests of one user that all need the whole ledger at once (a restart, then many clients)
/// share one read of it instead of each reading every row beside the others.
/// </summary>
public sealed class ConcurrentLedgerReadsTests(ServiceHarness<Program> harness) : IClassFixture<ServiceHarness<Program>>
{
    [Fact]
    public async Task RequestsThatNeedTheWholeLedgerTogetherShareOneRead()
    {
        // Arrange: a user with a ledger worth reading, then nothing of it held (as after a restart).
        var user = await harness.AddUserAsync();
        var file = GeneratedFiles.BuysAndSells(["AAPL", "MSFT", "KO"], 3_000, seed: 5, new DateOnly(2012, 1, 3), step: 1);
        var imported = await harness.SendJsonAsync(HttpMethod.Post, "/v1/transactions:import", new { content = file }, harness.Tokens.ForUser(user));
        Assert.Equal(HttpStatusCode.OK, imported.Status);
        harness.Services.GetRequiredService<LedgerCache>().Remove(user);
        var database = harness.Services.GetRequiredService<RlsDatabase>();
        var source = harness.Services.GetRequiredService<LedgerSource>();

        // Act: eight requests' reads at the same time, each in its own session.
        using var start = new SemaphoreSlim(0);
        var reads = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            await start.WaitAsync();
            return await database.RunAsync(DbClaims.ForUser(user), session => source.ReadAsync(session, user, null, default), default);
        })).ToList();
        start.Release(reads.Count);
        var ledgers = (await Task.WhenAll(reads)).Select(r => r.Ledger).ToList();

        // Assert: one ledger object for all of them (each read of its own makes a new one), complete.
        Assert.All(ledgers, ledger => Assert.Same(ledgers[0], ledger));
        Assert.Equal(3_000, ledgers[0]!.Count);
    }
}
