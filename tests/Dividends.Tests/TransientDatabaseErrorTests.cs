using Microsoft.Extensions.DependencyInjection;
using PortfolioTracker.ServiceDefaults.Data;

namespace PortfolioTracker.Dividends.Tests;

/// <summary>
/// Every connection the service holds to PostgreSQL cut at once (failover, network blip): the
/// next requests are served on fresh connections, and a unit of work cut before its commit is
/// run again and stored exactly once.
/// </summary>
public sealed class TransientDatabaseErrorTests(DividendsHarness harness) : IClassFixture<DividendsHarness>
{
    [Fact]
    public async Task AfterEveryConnectionIsCutTheNextJsonRequestsAnswerNormally()
    {
        var owner = await harness.AddUserAsync();
        await harness.AddDividendAsync(owner, "KO", "2024-06-14", "0.485");
        await WarmPoolAsync(owner);

        Assert.True(await harness.TerminateServiceConnectionsAsync() > 0);
        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => harness.GetJsonAsync("/v1/dividends", owner)));

        Assert.All(answers, answer => Assert.Equal(HttpStatusCode.OK, answer.Status));
        Assert.All(answers, answer => Assert.Equal("KO", answer.Body["dividends"]![0]!["symbol"]!.GetValue<string>()));
    }

    [Fact]
    public async Task AfterEveryConnectionIsCutTheNextGrpcCallsAnswerNormally()
    {
        var owner = await harness.AddUserAsync();
        await harness.AddDividendAsync(owner, "PG", "2024-01-18", "0.9407");
        await WarmPoolAsync(owner);
        var client = new DividendService.DividendServiceClient(harness.Grpc);

        Assert.True(await harness.TerminateServiceConnectionsAsync() > 0);
        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
            await client.ListDividendsAsync(new ListDividendsRequest(), harness.UserHeaders(owner))));

        Assert.All(answers, answer => Assert.Equal("PG", Assert.Single(answer.Dividends).Symbol));
    }

    [Fact]
    public async Task AWriteCutBeforeItsCommitRunsAgainAndIsStoredExactlyOnce()
    {
        var owner = await harness.AddUserAsync();
        var database = harness.Services.GetRequiredService<RlsDatabase>();
        var attempts = 0;

        await database.RunAsync(DbClaims.ServiceRole, async session =>
        {
            attempts++;
            await session.ExecuteNonQueryAsync(
                """
                insert into user_dividends (user_id, symbol, ex_date, pay_date, amount, currency, shares_held_at_ex_date, total_amount, status)
                values ($1, 'JNJ', date '2024-02-16', date '2024-03-05', 1.19, 'USD', 10, 11.90, 'pending')
                """,
                CancellationToken.None, owner);
            if (attempts == 1)
            {
                // The connection dies after the insert and before the commit.
                await harness.TerminateServiceConnectionsAsync();
            }
            await session.ExecuteNonQueryAsync("select 1", CancellationToken.None);
        }, CancellationToken.None);

        Assert.Equal(2, attempts);
        await using var count = harness.Superuser.CreateCommand("select count(*) from user_dividends where user_id = $1");
        count.Parameters.Add(new Npgsql.NpgsqlParameter { Value = owner });
        Assert.Equal(1L, await count.ExecuteScalarAsync());
    }

    [Fact]
    public async Task ARequestThatIsNotATransientFailureIsNotRunAgain()
    {
        var database = harness.Services.GetRequiredService<RlsDatabase>();
        var attempts = 0;

        await Assert.ThrowsAsync<Npgsql.PostgresException>(() => database.RunAsync(DbClaims.ServiceRole, async session =>
        {
            attempts++;
            await session.ExecuteNonQueryAsync("select 1 / 0", CancellationToken.None);
        }, CancellationToken.None));

        Assert.Equal(1, attempts);
    }

    /// <summary>Several requests at once, so the pool holds several connections to cut.</summary>
    private async Task WarmPoolAsync(Guid owner)
    {
        var warm = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => harness.GetJsonAsync("/v1/dividends", owner)));
        Assert.All(warm, answer => Assert.Equal(HttpStatusCode.OK, answer.Status));
    }
}
