using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace PortfolioTracker.Portfolio.Tests.MarketCalls;

/// <summary>
/// A graceful stop (SIGTERM: a deploy or a restart) finishes the metrics checkpoints still being
/// written instead of cancelling them, so the next start answers from the latest state. The
/// harness is this class's own: the test stops the service.
/// </summary>
public sealed class GracefulStopTests(MarketSuiteHarness harness) : IClassFixture<MarketSuiteHarness>
{
    [Fact]
    public async Task AGracefulStopRightAfterAWriteAndItsSummaryLeavesTheCheckpointsOfTheLatestVersionStored()
    {
        var user = await harness.AddUserAsync();
        // 400 entries (more than one checkpoint's spacing), then one write through the service.
        await harness.ExecuteAsync(
            """
            with p as (insert into portfolios (user_id, name) values ($1, 'Graceful stop') returning id)
            insert into transactions (user_id, portfolio_id, transaction_type, symbol, quantity, price, date, currency, commission)
            select $1, p.id, 'BUY', 'G' || (n % 3), 2, 100 + n % 7, date '2023-01-02' + (n * 300 / 400), 'USD', 0.5
            from p, generate_series(1, 400) n
            """, user);
        var token = harness.Tokens.ForUser(user);
        var (written, writeBody) = await harness.SendJsonAsync(HttpMethod.Post, "/v1/transactions", new
        {
            transactionType = "BUY", symbol = "G1", quantity = "1", price = "100", date = "2023-03-01", currency = "USD",
        }, token);
        Assert.True(written == HttpStatusCode.OK, writeBody.ToJsonString());

        // Checkpoint writes wait behind this lock (reads pass), so the summary's write is still
        // pending when the stop begins; the lock goes once the stop has begun.
        await using var blocker = await harness.Superuser.OpenConnectionAsync();
        await using var blocking = await blocker.BeginTransactionAsync();
        await using (var lockTable = new Npgsql.NpgsqlCommand("lock table ledger_checkpoints in exclusive mode", blocker, blocking))
        {
            await lockTable.ExecuteNonQueryAsync();
        }
        var (summarized, summaryBody) = await harness.GetJsonAsync("/v1/portfolio/summary?asOf=2023-12-30", user);
        Assert.True(summarized == HttpStatusCode.OK, summaryBody.ToJsonString());

        var stopBegan = new TaskCompletionSource();
        using var onStopping = harness.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.Register(stopBegan.SetResult);
        var stopping = harness.StopServiceAsync();
        await stopBegan.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await Task.Delay(300); // what a stop that cancels the writes would have done by now
        await blocking.CommitAsync();
        await stopping.WaitAsync(TimeSpan.FromSeconds(30));

        await using var versions = harness.Superuser.CreateCommand(
            """
            select (select version from private.ledger_versions where user_id = $1),
                   (select max(ledger_version) from ledger_checkpoints where user_id = $1)
            """);
        versions.Parameters.Add(new Npgsql.NpgsqlParameter { Value = user });
        await using var reader = await versions.ExecuteReaderAsync();
        await reader.ReadAsync();
        var latest = reader.GetInt64(0);
        Assert.False(reader.IsDBNull(1), "no checkpoint was stored");
        Assert.Equal(latest, reader.GetInt64(1));
    }
}
