using PortfolioTracker.Dividends.Tests.Suite;

namespace PortfolioTracker.Dividends.Tests.SyncJob;

/// <summary>
/// The background sync over the real services, on a database of its own (a claim run picks from
/// every user there): users whose ledger or events changed are synced without asking, under their
/// own claims; users with nothing new are left alone; two instances never sync one user twice.
/// </summary>
public sealed class BackgroundSyncTests(DividendSuiteHarness suite) : IClassFixture<DividendSuiteHarness>
{
    private async Task<(Guid User, string Symbol)> HolderOfAPayerAsync()
    {
        var user = await suite.AddUserAsync();
        var symbol = DividendSuiteHarness.NewSymbol();
        await suite.ImportEventsAsync(symbol, "USD", DividendSuiteHarness.Event("2024-02-09", "0.24", "2024-02-15"));
        await suite.TransactAsync(user, "BUY", symbol, "10", "100", "2024-02-01");
        return (user, symbol);
    }

    private async Task<string> SyncStateAsync(Guid user)
    {
        await using var command = suite.Superuser.CreateCommand(
            """
            select concat_ws('|', status, last_started_at, last_finished_at, updated_at, ledger_version, events_fingerprint, synced_through)
            from dividend_sync_state where user_id = $1
            """);
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = user });
        return (string?)await command.ExecuteScalarAsync() ?? "none";
    }

    [Fact]
    public async Task AUserWhoseBuyPrecedesAnEventGetsPendingRowsFromTheJobWithoutSyncing()
    {
        var (user, _) = await HolderOfAPayerAsync();

        var run = await suite.SyncJob.RunOnceAsync(CancellationToken.None);

        Assert.Contains(user, run.Synced);
        var row = Assert.Single(await suite.DividendsAsync(user));
        Assert.Equal("pending", row!["status"]!.GetValue<string>());
        Assert.Equal("10", row["sharesHeldAtExDate"]!.GetValue<string>());
        Assert.StartsWith("succeeded|", await SyncStateAsync(user), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AUserWithNothingChangedSinceTheirSyncIsNotTouched()
    {
        var (user, _) = await HolderOfAPayerAsync();
        await suite.SyncAsync(user);
        var before = await SyncStateAsync(user);

        var run = await suite.SyncJob.RunOnceAsync(CancellationToken.None);

        Assert.DoesNotContain(user, run.Synced);
        Assert.DoesNotContain(user, run.Failed);
        Assert.Equal(before, await SyncStateAsync(user));
        Assert.Single(await suite.DividendsAsync(user));
    }

    [Fact]
    public async Task AUserWhoseLedgerChangedAfterTheirSyncIsSyncedByTheJob()
    {
        var (user, symbol) = await HolderOfAPayerAsync();
        await suite.SyncAsync(user);
        await suite.TransactAsync(user, "SELL", symbol, "10", "101", "2024-02-05");

        var run = await suite.SyncJob.RunOnceAsync(CancellationToken.None);

        Assert.Contains(user, run.Synced);
        Assert.Empty(await suite.DividendsAsync(user));
    }

    [Fact]
    public async Task AUserHoldingASymbolWhoseEventsChangedAfterTheirSyncIsSyncedByTheJob()
    {
        var user = await suite.AddUserAsync();
        var symbol = DividendSuiteHarness.NewSymbol();
        await suite.TransactAsync(user, "BUY", symbol, "10", "100", "2024-02-01");
        await suite.SyncAsync(user);
        await suite.ImportEventsAsync(symbol, "USD", DividendSuiteHarness.Event("2024-02-09", "0.24", "2024-02-15"));

        var run = await suite.SyncJob.RunOnceAsync(CancellationToken.None);

        Assert.Contains(user, run.Synced);
        Assert.Equal("2.40", Assert.Single(await suite.DividendsAsync(user))!["totalAmount"]!.GetValue<string>());
    }

    [Fact]
    public async Task TwoJobInstancesDoNotBothSyncOneUser()
    {
        var (user, _) = await HolderOfAPayerAsync();

        var runs = await Task.WhenAll(suite.SyncJob.RunOnceAsync(CancellationToken.None), suite.SecondSyncJob().RunOnceAsync(CancellationToken.None));

        Assert.Equal(1, runs.Count(r => r.Synced.Contains(user)));
        Assert.DoesNotContain(runs, r => r.Failed.Contains(user));
        Assert.Single(await suite.DividendsAsync(user));
    }
}
