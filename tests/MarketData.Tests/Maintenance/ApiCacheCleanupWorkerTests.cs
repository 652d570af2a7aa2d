using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using PortfolioTracker.MarketData.Data;
using PortfolioTracker.MarketData.Workers;

namespace PortfolioTracker.MarketData.Tests.Maintenance;

/// <summary>The background job: it cleans at start and on its interval, logs the count, outlives a database outage and stops on request.</summary>
[Collection(ApiCacheCollection.Name)]
public sealed class ApiCacheCleanupWorkerTests(ApiCacheDatabase database) : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly CapturedLogs _logs = new();
    private ILoggerFactory? _loggers;

    public Task InitializeAsync()
    {
        _loggers = LoggerFactory.Create(logging => logging.AddProvider(_logs).SetMinimumLevel(LogLevel.Trace));
        return database.ClearAsync();
    }

    public Task DisposeAsync()
    {
        _loggers?.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task TheWorkerDeletesExpiredRowsAtStartAndLogsHowMany()
    {
        await database.AddAsync("expired:1", TimeSpan.FromMinutes(-5));
        await database.AddAsync("expired:2", TimeSpan.FromDays(-2));
        await database.AddAsync("fresh", TimeSpan.FromMinutes(5));
        using var worker = Worker(database.Database, TimeSpan.FromHours(1));

        await worker.StartAsync(CancellationToken.None);
        await WaitForLogAsync("Deleted 2 expired api_cache rows", count: 1);
        await worker.StopAsync(CancellationToken.None);

        Assert.Equal(["fresh"], await database.KeysAsync());
        Assert.Contains(_logs.Lines, line => line.StartsWith("Information", StringComparison.Ordinal) && line.Contains("Deleted=2", StringComparison.Ordinal));
        Assert.True(worker.ExecuteTask!.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task ADatabaseErrorIsLoggedAndTheNextRunTriesAgainUntilStopped()
    {
        await using var unreachable = NpgsqlDataSource.Create(
            $"Host=127.0.0.1;Port={FreePort.Next()};Username=authenticator;Password=unused;Database=portfolio;Timeout=2;Pooling=false");
        using var worker = Worker(new RlsDatabase(unreachable), TimeSpan.FromMilliseconds(50));

        await worker.StartAsync(CancellationToken.None);
        await WaitForLogAsync("Deleting expired api_cache rows failed", count: 2);
        using var stopLimit = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await worker.StopAsync(stopLimit.Token);

        Assert.True(worker.ExecuteTask!.IsCompletedSuccessfully);
        Assert.Contains(_logs.Lines, line => line.StartsWith("Warning", StringComparison.Ordinal) && line.Contains("NpgsqlException", StringComparison.Ordinal));
        Assert.DoesNotContain(_logs.Lines, line => line.Contains("Deleted", StringComparison.Ordinal));
    }

    [Fact]
    public async Task StoppingDuringTheWaitEndsTheWorkerAtOnce()
    {
        using var worker = Worker(database.Database, TimeSpan.FromHours(1));
        await worker.StartAsync(CancellationToken.None);
        await WaitForLogAsync("Deleted 0 expired api_cache rows", count: 1);

        var stopping = worker.StopAsync(CancellationToken.None);
        var first = await Task.WhenAny(stopping, Task.Delay(TimeSpan.FromSeconds(10)));

        Assert.Same(stopping, first);
        Assert.True(worker.ExecuteTask!.IsCompletedSuccessfully);
    }

    private ApiCacheCleanupWorker Worker(RlsDatabase target, TimeSpan interval)
    {
        return new ApiCacheCleanupWorker(
            new ApiCacheCleaner(target, new ManualClock(ApiCacheDatabase.Now)),
            Options.Create(new ApiCacheCleanupOptions { Interval = interval, BatchSize = 10 }),
            TimeProvider.System,
            _loggers!.CreateLogger<ApiCacheCleanupWorker>());
    }

    private async Task WaitForLogAsync(string text, int count)
    {
        using var giveUp = new CancellationTokenSource(Patience);
        while (_logs.Lines.Count(line => line.Contains(text, StringComparison.Ordinal)) < count)
        {
            await Task.Delay(20, giveUp.Token);
        }
    }
}
