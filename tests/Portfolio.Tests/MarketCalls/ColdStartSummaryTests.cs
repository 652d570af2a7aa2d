using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PortfolioTracker.Portfolio.Application.Metrics;
using PortfolioTracker.Portfolio.Caching;
using PortfolioTracker.Portfolio.Data;
using PortfolioTracker.ServiceDefaults.Data;

namespace PortfolioTracker.Portfolio.Tests.MarketCalls;

/// <summary>
/// Through the service: after a summary its state's checkpoints are persisted, and a replica that
/// holds nothing of the user answers the next summary from them, with the figures the held ledger gives.
/// </summary>
public sealed class ColdStartSummaryTests(MarketSuiteHarness harness) : IClassFixture<MarketSuiteHarness>
{
    private async Task<JsonObject> SummaryAsync(Guid user, string asOf)
    {
        var (status, body) = await harness.GetJsonAsync($"/v1/portfolio/summary?asOf={asOf}", user);
        Assert.True(status == HttpStatusCode.OK, body.ToJsonString());
        return body;
    }

    /// <summary>A user with <paramref name="trades"/> trades over 2023: buys, and every tenth a sale of part of one.</summary>
    private async Task<Guid> UserWithTradesAsync(int trades)
    {
        var user = await harness.AddUserAsync();
        await harness.ExecuteAsync(
            """
            with p as (insert into portfolios (user_id, name) values ($1, 'Cold start') returning id)
            insert into transactions (user_id, portfolio_id, transaction_type, symbol, quantity, price, date, currency, commission)
            select $1, p.id, case when n % 10 = 9 then 'SELL' else 'BUY' end, 'C' || (n % 3), case when n % 10 = 9 then 0.5 else 2 end,
                   100 + n % 7, date '2023-01-02' + (n * 300 / $2), 'USD', 0.5
            from p, generate_series(1, $2) n
            """, user, trades);
        return user;
    }

    /// <summary>Until <paramref name="writer"/> (the service's own when none is named) has nothing pending for the user.</summary>
    private async Task CheckpointsWrittenAsync(Guid user, CheckpointWriter? writer = null)
    {
        writer ??= harness.Services.GetRequiredService<CheckpointWriter>();
        for (var waited = 0; !writer.IsIdle(user) && waited < 300; waited++) await Task.Delay(100);
    }

    /// <summary>What a restarted replica holds of the user: nothing (and no cached result).</summary>
    private async Task ForgetAsync(Guid user)
    {
        harness.Services.GetRequiredService<LedgerCache>().Remove(user);
        await harness.Services.GetRequiredService<MetricsCache>().InvalidateUserAsync(user, "restart simulated", default);
    }

    [Fact]
    public async Task ASummaryAfterARestartComesFromThePersistedCheckpointsWithTheSameFigures()
    {
        // More than one checkpoint's spacing.
        var user = await UserWithTradesAsync(400);
        var warm = await SummaryAsync(user, "2023-12-30");
        var warmEarlier = await SummaryAsync(user, "2023-12-29");
        await CheckpointsWrittenAsync(user);
        await using var count = harness.Superuser.CreateCommand("select count(*) from ledger_checkpoints where user_id = $1");
        count.Parameters.Add(new Npgsql.NpgsqlParameter { Value = user });
        var stored = (long)(await count.ExecuteScalarAsync())!;

        await ForgetAsync(user);
        var cold = await SummaryAsync(user, "2023-12-30");
        var coldEarlier = await SummaryAsync(user, "2023-12-29");

        Assert.True(stored >= 1, "no checkpoint was persisted");
        Assert.Contains(harness.Logs.Messages, m => m.Contains($"Summary of {user} answered on a cold start", StringComparison.Ordinal));
        Assert.Equal(warm.ToJsonString(), cold.ToJsonString());
        Assert.Equal(warmEarlier.ToJsonString(), coldEarlier.ToJsonString());
    }

    [Fact]
    public async Task ACheckpointBeforeTheLastIsUsedWithTheFactsStoredOnceOnTheLatestRow()
    {
        // Several checkpoints.
        var user = await UserWithTradesAsync(1_500);
        await SummaryAsync(user, "2023-12-30");
        await CheckpointsWrittenAsync(user);
        await using var rows = harness.Superuser.CreateCommand(
            "select day, octet_length(facts) from ledger_checkpoints where user_id = $1 order by day");
        rows.Parameters.Add(new Npgsql.NpgsqlParameter { Value = user });
        var stored = new List<(DateOnly Day, int FactsBytes)>();
        await using (var reader = await rows.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync()) stored.Add((reader.GetFieldValue<DateOnly>(0), reader.GetInt32(1)));
        }
        // A day between the first two checkpoints: the cold read must start from the first.
        var asOf = stored.Count > 1 ? stored[0].Day.AddDays((stored[1].Day.DayNumber - stored[0].Day.DayNumber) / 2) : default;
        var warm = await SummaryAsync(user, $"{asOf:yyyy-MM-dd}");

        await ForgetAsync(user);
        var cold = await SummaryAsync(user, $"{asOf:yyyy-MM-dd}");

        Assert.True(stored.Count > 1, $"{stored.Count} checkpoints persisted");
        Assert.True(stored[^1].FactsBytes > 0, "the latest checkpoint keeps the facts");
        Assert.All(stored.SkipLast(1), row => Assert.Equal(0, row.FactsBytes));
        Assert.Contains(harness.Logs.Messages,
            m => m.Contains($"Summary of {user} answered on a cold start from the checkpoint of {stored[0].Day}", StringComparison.Ordinal));
        Assert.Equal(warm.ToJsonString(), cold.ToJsonString());
    }

    [Fact]
    public async Task StatesRecomputedInQuickSuccessionAreWrittenOnceTheyStayTheLatestForAQuietPeriod()
    {
        var user = await harness.AddUserAsync();
        var quiet = TimeSpan.FromSeconds(4);
        var writer = new CheckpointWriter(harness.Services.GetRequiredService<RlsDatabase>(), new LedgerCheckpointRepository(),
            Options.Create(new MetricsOptions { CheckpointsAfterQuiet = quiet }), NullLogger<CheckpointWriter>.Instance);
        var start = new DateOnly(2023, 1, 2);
        var market = new MarketSnapshot(
            new Dictionary<string, Security> { ["Q1"] = new("USD", null, new ClosePriceSeries(Enumerable.Range(0, 400).Select(d => (start.AddDays(d), 10m + d % 5)))) },
            FxTable.Empty);
        // A growing ledger, each state with checkpoints (more entries than a checkpoint's spacing): three writes in a row.
        var states = new[] { 300, 330, 360 }.Select(days => LedgerState.Build(
            [.. Enumerable.Range(0, days).Select(d => new LedgerEntry(Guid.NewGuid(), TransactionType.Buy, "Q1", start.AddDays(d), 1, 10, 0, "USD"))],
            market, "USD", start.AddDays(days))).ToArray();

        for (var version = 1; version <= states.Length; version++)
        {
            writer.Schedule(DbClaims.ForUser(user), user, states[version - 1], version);
        }
        await Task.Delay(quiet / 8);
        var beforeQuiet = await StoredVersionsAsync(user);
        await CheckpointsWrittenAsync(user, writer);
        var afterQuiet = await StoredVersionsAsync(user);

        Assert.Empty(beforeQuiet);
        Assert.Equal([3L], afterQuiet);
    }

    private async Task<List<long>> StoredVersionsAsync(Guid user)
    {
        await using var command = harness.Superuser.CreateCommand("select distinct ledger_version from ledger_checkpoints where user_id = $1");
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = user });
        await using var reader = await command.ExecuteReaderAsync();
        var versions = new List<long>();
        while (await reader.ReadAsync()) versions.Add(reader.GetInt64(0));
        return versions;
    }
}
