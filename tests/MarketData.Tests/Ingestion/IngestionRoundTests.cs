namespace PortfolioTracker.MarketData.Tests.Ingestion;

/// <summary>The background job's round: watched symbols, never-fetched ones first, and a round that stops when the provider says no.</summary>
public sealed class IngestionRoundTests(IngestionHarness harness) : IClassFixture<IngestionHarness>
{
    [Fact]
    public async Task ARoundFetchesWatchedSymbolsAndStopsWhenTheQuotaIsSpent()
    {
        string first = "W" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant(), second = "W" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        await harness.WatchAsync(first);
        await harness.WatchAsync(second);
        var ingestor = harness.Ingestor();
        // Alphabetical among the never-fetched: the smaller symbol comes first.
        var (early, late) = string.CompareOrdinal(first, second) < 0 ? (first, second) : (second, first);
        harness.Provider.Script(
            FakeReply.Fixture(Fixtures.DailyAapl2024), FakeReply.Fixture(Fixtures.OverviewIbm2024),
            FakeReply.Fixture(Fixtures.RateLimit25PerDay));

        var updated = await ingestor.IngestTrackedAsync(CancellationToken.None);

        Assert.Equal(1, updated);
        Assert.Equal(3, await harness.CountBarsAsync(early));
        Assert.Equal(0, await harness.CountBarsAsync(late));
        Assert.Contains(harness.Provider.Received, r => r.Symbol == late); // asked, refused: the round ended there
    }
}
