using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using PortfolioTracker.MarketData.Application;
using PortfolioTracker.MarketData.Tests.Ingestion;
using PortfolioTracker.ServiceDefaults.Messaging;
using StackExchange.Redis;

namespace PortfolioTracker.MarketData.Tests.Application;

/// <summary>
/// Every stored batch announces the days it stored, oldest and newest, so a holder of the
/// symbol's closes retires them from the oldest day on (a correction of old days included).
/// </summary>
public sealed class ClosesStoredTests(IngestionHarness harness) : IClassFixture<IngestionHarness>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task AStoredBatchAnnouncesItsOldestAndNewestDays()
    {
        var symbol = "S" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        await using var redis = await ConnectionMultiplexer.ConnectAsync(harness.Redis.ConnectionString);
        var announced = new TaskCompletionSource<ClosesStored>(TaskCreationOptions.RunContinuationsAsynchronously);
        await redis.GetSubscriber().SubscribeAsync(ClosesStored.Topic.Channel, (_, message) =>
        {
            if (ClosesStored.Topic.TryParse(message, out var stored) && stored.Symbol == symbol)
            {
                announced.TrySetResult(stored);
            }
        });
        List<DailyBar> bars = [.. new[] { ("2024-06-14", 20m), ("2024-06-18", 22.5m), ("2024-06-11", 21m) }
            .Select(d => new DailyBar(DateOnly.Parse(d.Item1), d.Item2, d.Item2 + 1, d.Item2 - 1, d.Item2, d.Item2, 1000, 0m, 1m))];

        var result = await harness.Services().GetRequiredService<BarWriter>().WriteAsync(
            DbClaims.ServiceRole, new BarBatch(symbol, "USD", bars), CancellationToken.None);

        Assert.False(result.Refused);
        Assert.Equal(new ClosesStored(symbol, new DateOnly(2024, 6, 11), new DateOnly(2024, 6, 18)), await announced.Task.WaitAsync(Patience));
    }

    [Fact]
    public async Task ABatchStoredAlreadyAnnouncesNothing()
    {
        // Arrange: every announcement of a new symbol, in the order published (one connection).
        var symbol = "S" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        await using var redis = await ConnectionMultiplexer.ConnectAsync(harness.Redis.ConnectionString);
        var announcements = Channel.CreateUnbounded<ClosesStored>();
        await redis.GetSubscriber().SubscribeAsync(ClosesStored.Topic.Channel, (_, message) =>
        {
            if (ClosesStored.Topic.TryParse(message, out var stored) && stored.Symbol == symbol)
            {
                announcements.Writer.TryWrite(stored);
            }
        });
        var writer = harness.Services().GetRequiredService<BarWriter>();
        List<DailyBar> june = [Bar("2024-06-11", 21m), Bar("2024-06-14", 20m)];

        // Act: the same bars twice (as the offline dataset at every start), then one new day.
        var first = await writer.WriteAsync(DbClaims.ServiceRole, new BarBatch(symbol, "USD", june), CancellationToken.None);
        var again = await writer.WriteAsync(DbClaims.ServiceRole, new BarBatch(symbol, "USD", june), CancellationToken.None);
        var next = await writer.WriteAsync(DbClaims.ServiceRole, new BarBatch(symbol, "USD", [.. june, Bar("2024-06-17", 22m)]), CancellationToken.None);

        // Assert: announcements of the first and the last write only, in that order.
        Assert.Equal((2, 0, 1), (first.Upserted, again.Upserted, next.Upserted));
        Assert.Equal(new ClosesStored(symbol, new DateOnly(2024, 6, 11), new DateOnly(2024, 6, 14)),
            await announcements.Reader.ReadAsync().AsTask().WaitAsync(Patience));
        Assert.Equal(new ClosesStored(symbol, new DateOnly(2024, 6, 11), new DateOnly(2024, 6, 17)),
            await announcements.Reader.ReadAsync().AsTask().WaitAsync(Patience));
    }

    private static DailyBar Bar(string date, decimal close) => new(DateOnly.Parse(date), close, close + 1, close - 1, close, close, 1000, 0m, 1m);

    [Theory]
    [InlineData("""{"Symbol":" aapl ","From":"2024-01-02","To":"2024-01-05"}""", true)]
    [InlineData("""{"Symbol":"AAPL","From":"2024-01-06","To":"2024-01-05"}""", false)]
    [InlineData("""{"Symbol":"","From":"2024-01-02","To":"2024-01-05"}""", false)]
    [InlineData("""{"Symbol":"AAPL","From":"yesterday","To":"2024-01-05"}""", false)]
    public void OnlyAWellFormedAnnouncementIsRead(string message, bool read)
    {
        var parsed = ClosesStored.Topic.TryParse(message, out var stored);

        Assert.Equal(read, parsed);
        if (read) Assert.Equal(new ClosesStored("AAPL", new DateOnly(2024, 1, 2), new DateOnly(2024, 1, 5)), stored);
    }
}
