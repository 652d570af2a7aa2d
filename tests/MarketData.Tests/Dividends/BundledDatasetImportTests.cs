using System.Net;
using Microsoft.Extensions.DependencyInjection;
using PortfolioTracker.MarketData.Offline;

namespace PortfolioTracker.MarketData.Tests.Dividends;

/// <summary>The bundled dataset loaded as MarketData loads it at start (the real Program over PostgreSQL), then read back over HTTP.</summary>
public sealed class BundledDatasetImportTests(ServiceHarness<Program> harness) : IClassFixture<ServiceHarness<Program>>
{
    [Fact]
    public async Task LoadingTheBundledDatasetStoresEachDividendEventOnceAndASecondLoadChangesNone()
    {
        var dataset = new OfflineDataset(Path.Combine(AppContext.BaseDirectory, "SampleData"));
        var importer = harness.Services.GetRequiredService<OfflineImporter>();
        var ibm = dataset.Dividends()["IBM"];

        var first = await importer.ImportAsync(dataset, CancellationToken.None);
        var second = await importer.ImportAsync(dataset, CancellationToken.None);
        var (status, body) = await harness.GetJsonAsync("/v1/stocks/IBM/dividends");

        Assert.Equal(dataset.Dividends().Sum(s => s.Value.Count), first.DividendEvents);
        Assert.Equal(0, second.DividendEvents);
        Assert.Equal(HttpStatusCode.OK, status);
        var events = body["events"]!.AsArray();
        Assert.Equal(ibm.Select(d => d.ExDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
            events.Select(e => e!["exDate"]!.GetValue<string>()));
        Assert.All(events, e => Assert.Equal("dataset", e!["source"]!.GetValue<string>()));
    }
}
