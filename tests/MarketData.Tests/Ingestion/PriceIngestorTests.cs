using PortfolioTracker.MarketData.Ingestion;

namespace PortfolioTracker.MarketData.Tests.Ingestion;

/// <summary>"Database first": fresh data costs no call, stale data is fetched and kept, an unavailable provider changes nothing.</summary>
public sealed class PriceIngestorTests(IngestionHarness harness) : IClassFixture<IngestionHarness>
{
    private static string NewSymbol() => "T" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();

    private int RequestsFor(string symbol) => harness.Provider.Received.Count(r => r.Symbol == symbol);

    [Fact]
    public async Task AMissingSymbolIsFetchedOnceThenServedFromTheDatabase()
    {
        var symbol = NewSymbol();
        var ingestor = harness.Ingestor();
        harness.Provider.Script(FakeReply.Fixture(Fixtures.DailyAapl2024), FakeReply.Fixture(Fixtures.OverviewIbm2024));

        var first = await ingestor.IngestAsync(symbol, CancellationToken.None);
        var second = await ingestor.IngestAsync(symbol, CancellationToken.None);

        Assert.Equal(IngestStatus.Updated, first.Status);
        Assert.Equal(3, first.BarsUpserted);
        Assert.Equal(new DateOnly(2024, 6, 18), first.AsOf);
        Assert.Equal(3, await harness.CountBarsAsync(symbol));
        Assert.Equal(IngestStatus.Fresh, second.Status);
        Assert.Equal(2, RequestsFor(symbol)); // the series and the overview, then nothing
        Assert.Contains(harness.Provider.Received, r => r.Symbol == symbol && r.Function == "TIME_SERIES_DAILY" && r.QueryString.Contains("outputsize=full"));
    }

    [Fact]
    public async Task WhenTheProviderIsOverQuotaStoredDataStaysAndIsReportedUnavailable()
    {
        var symbol = NewSymbol();
        var ingestor = harness.Ingestor();
        harness.Provider.Script(FakeReply.Fixture(Fixtures.DailyAapl2024), FakeReply.Fixture(Fixtures.OverviewIbm2024));
        await ingestor.IngestAsync(symbol, CancellationToken.None);
        harness.Clock.Advance(TimeSpan.FromDays(7));
        harness.Provider.Script(FakeReply.Fixture(Fixtures.RateLimit25PerDay));

        var result = await ingestor.IngestAsync(symbol, CancellationToken.None);

        Assert.Equal(IngestStatus.Unavailable, result.Status);
        Assert.Equal(new DateOnly(2024, 6, 18), result.AsOf);
        Assert.Equal(3, await harness.CountBarsAsync(symbol));
        harness.Clock.Advance(TimeSpan.FromDays(-7));
    }

    [Fact]
    public async Task AStaleSymbolWithARecentHistoryIsFetchedCompact()
    {
        var symbol = NewSymbol();
        var ingestor = harness.Ingestor();
        harness.Provider.Script(FakeReply.Fixture(Fixtures.DailyAapl2024), FakeReply.Fixture(Fixtures.OverviewIbm2024));
        await ingestor.IngestAsync(symbol, CancellationToken.None);
        harness.Clock.Advance(TimeSpan.FromDays(7));
        harness.Provider.Script(FakeReply.Fixture(Fixtures.DailyAapl2024));

        var result = await ingestor.IngestAsync(symbol, CancellationToken.None);

        Assert.Equal(IngestStatus.Updated, result.Status);
        Assert.Equal(0, result.BarsUpserted); // the same bars again: nothing rewritten
        Assert.Contains(harness.Provider.Received, r => r.Symbol == symbol && r.QueryString.Contains("outputsize=compact"));
        harness.Clock.Advance(TimeSpan.FromDays(-7));
    }

    [Fact]
    public async Task AnUnknownSymbolIsRejectedAndNothingIsStored()
    {
        var symbol = NewSymbol();
        harness.Provider.Script(FakeReply.Fixture(Fixtures.InvalidSymbol));

        var result = await harness.Ingestor().IngestAsync(symbol, CancellationToken.None);

        Assert.Equal(IngestStatus.Rejected, result.Status);
        Assert.Equal(0, await harness.CountBarsAsync(symbol));
    }

    [Fact]
    public async Task WithoutAnApiKeyNothingIsFetched()
    {
        var symbol = NewSymbol();

        var result = await harness.Ingestor(withApiKey: false).IngestAsync(symbol, CancellationToken.None);

        Assert.Equal(IngestStatus.Unavailable, result.Status);
        Assert.Equal(0, RequestsFor(symbol));
    }
}
