using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using PortfolioTracker.MarketData.Application;
using PortfolioTracker.MarketData.Caching;
using PortfolioTracker.MarketData.Tests.Ingestion;
using PortfolioTracker.MarketData.Workers;
using PortfolioTracker.ServiceDefaults.Messaging;
using StackExchange.Redis;

namespace PortfolioTracker.MarketData.Tests.Application;

/// <summary>
/// The one path every source of bars takes (import route, offline dataset, ingestion): refused
/// whole or stored, then the newest close announced once on the shared topic, which reaches the
/// open price streams through the replica's one listener.
/// </summary>
public sealed class BarWriterTests(IngestionHarness harness) : IClassFixture<IngestionHarness>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private static string NewSymbol() => "B" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();

    private static List<DailyBar> Bars(params (string Date, decimal Close)[] days) =>
        [.. days.Select(d => new DailyBar(DateOnly.Parse(d.Date), d.Close, d.Close + 1, d.Close - 1, d.Close, d.Close, 1000, 0m, 1m))];

    [Fact]
    public async Task ARefusedBatchStoresNothingAndNamesTheBadBar()
    {
        var symbol = NewSymbol();
        var writer = harness.Services().GetRequiredService<BarWriter>();
        var bars = Bars(("2024-06-17", 10m), ("2024-06-18", 11m));
        bars[1] = bars[1] with { Volume = -5 };

        var result = await writer.WriteAsync(DbClaims.ServiceRole, new BarBatch(symbol, "USD", bars), CancellationToken.None);

        Assert.True(result.Refused);
        Assert.Equal(["bars[1].volume"], result.Violations.Select(v => v.Field));
        Assert.Equal(0, result.Upserted);
        Assert.Equal(0, await harness.CountBarsAsync(symbol));
    }

    [Fact]
    public async Task AStoredBatchRetiresTheCachedCloseAndAnnouncesItsNewestClose()
    {
        var symbol = NewSymbol();
        var services = harness.Services();
        var cache = services.GetRequiredService<LatestCloseCache>();
        await cache.SetAsync(new LatestClose(symbol, new DateOnly(2024, 6, 1), 1m, "EUR"));
        await using var redis = await ConnectionMultiplexer.ConnectAsync(harness.Redis.ConnectionString);
        var announced = new TaskCompletionSource<PriceAnnouncement>(TaskCreationOptions.RunContinuationsAsynchronously);
        await redis.GetSubscriber().SubscribeAsync(PriceAnnouncement.Topic.Channel, (_, message) =>
        {
            if (PriceAnnouncement.Topic.TryParse(message, out var close) && close.Symbol == symbol)
            {
                announced.TrySetResult(close);
            }
        });

        var result = await services.GetRequiredService<BarWriter>().WriteAsync(DbClaims.ServiceRole,
            new BarBatch(symbol, "EUR", Bars(("2024-06-14", 20m), ("2024-06-18", 22.5m), ("2024-06-17", 21m))), CancellationToken.None);

        Assert.False(result.Refused);
        Assert.Equal(3, result.Upserted);
        Assert.Equal(3, await harness.CountBarsAsync(symbol));
        Assert.Null(await cache.GetAsync(symbol));
        Assert.Equal(new PriceAnnouncement(symbol, new DateOnly(2024, 6, 18), 22.5m, "EUR"), await announced.Task.WaitAsync(Patience));
    }

    [Fact]
    public async Task TheListenerHandsAnnouncedClosesToTheOpenStreams()
    {
        var symbol = NewSymbol();
        var hub = new PriceStreamHub();
        using var watch = hub.Watch(new HashSet<string> { symbol });
        await using var redis = await ConnectionMultiplexer.ConnectAsync(harness.Redis.ConnectionString);
        using var listener = new PriceAnnouncementListener(redis, hub, NullLogger<PriceAnnouncementListener>.Instance);
        await listener.StartAsync(CancellationToken.None);
        var close = new PriceAnnouncement(symbol, new DateOnly(2024, 6, 18), 42.42m, "USD");

        // Published until heard: the listener subscribes in the background after it starts.
        using var timeout = new CancellationTokenSource(Patience);
        PriceAnnouncement? received = null;
        while (received is null)
        {
            await PriceAnnouncement.Topic.PublishAsync(redis, close);
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token);
            wait.CancelAfter(TimeSpan.FromMilliseconds(200));
            try
            {
                received = await watch.Messages.ReadAsync(wait.Token);
            }
            catch (OperationCanceledException) when (!timeout.IsCancellationRequested)
            {
                // Not subscribed yet: publish again.
            }
        }
        await listener.StopAsync(CancellationToken.None);

        Assert.Equal(close, received);
    }
}
