using PortfolioTracker.MarketData.Data;

namespace PortfolioTracker.MarketData.Tests.Maintenance;

/// <summary>The deletion itself, against the real table under RLS as <c>service_role</c>.</summary>
[Collection(ApiCacheCollection.Name)]
public sealed class ApiCacheCleanerTests(ApiCacheDatabase database) : IAsyncLifetime
{
    private readonly ApiCacheCleaner _cleaner = new(database.Database, new ManualClock(ApiCacheDatabase.Now));

    public Task InitializeAsync() => database.ClearAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task ExactlyTheExpiredRowsAreDeletedAndFreshOnesKept()
    {
        await database.AddAsync("expired:a-week-ago", TimeSpan.FromDays(-7));
        await database.AddAsync("expired:a-second-ago", TimeSpan.FromSeconds(-1));
        await database.AddAsync("expired:just-now", TimeSpan.Zero); // reads treat expires_at <= now as gone
        await database.AddAsync("fresh:in-a-second", TimeSpan.FromSeconds(1));
        await database.AddAsync("fresh:in-a-week", TimeSpan.FromDays(7));

        var deleted = await _cleaner.DeleteExpiredAsync(batchSize: 100, CancellationToken.None);

        Assert.Equal(3, deleted);
        Assert.Equal(["fresh:in-a-second", "fresh:in-a-week"], await database.KeysAsync());
    }

    [Fact]
    public async Task MoreExpiredRowsThanOneBatchAreAllDeletedBatchByBatch()
    {
        for (var i = 0; i < 7; i++)
        {
            await database.AddAsync($"expired:{i}", TimeSpan.FromMinutes(-i - 1));
        }
        await database.AddAsync("fresh", TimeSpan.FromHours(1));

        var deleted = await _cleaner.DeleteExpiredAsync(batchSize: 3, CancellationToken.None);

        Assert.Equal(7, deleted);
        Assert.Equal(["fresh"], await database.KeysAsync());
    }

    [Fact]
    public async Task ARowLockedByAnotherTransactionIsSkippedNotWaitedFor()
    {
        await database.AddAsync("expired:locked", TimeSpan.FromHours(-1));
        await database.AddAsync("expired:free", TimeSpan.FromHours(-1));
        await using var connection = await database.Superuser.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var lockRow = new Npgsql.NpgsqlCommand("select 1 from api_cache where cache_key = 'expired:locked' for update", connection, transaction))
        {
            await lockRow.ExecuteNonQueryAsync();
        }

        using var giveUp = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var deletedWhileLocked = await _cleaner.DeleteExpiredAsync(batchSize: 100, giveUp.Token);
        await transaction.CommitAsync();
        var deletedAfterwards = await _cleaner.DeleteExpiredAsync(batchSize: 100, CancellationToken.None);

        Assert.Equal(1, deletedWhileLocked);
        Assert.Equal(1, deletedAfterwards);
        Assert.Empty(await database.KeysAsync());
    }

    [Fact]
    public async Task NothingExpiredDeletesNothing()
    {
        await database.AddAsync("fresh", TimeSpan.FromMinutes(5));

        var deleted = await _cleaner.DeleteExpiredAsync(batchSize: 100, CancellationToken.None);

        Assert.Equal(0, deleted);
        Assert.Equal(["fresh"], await database.KeysAsync());
    }
}
