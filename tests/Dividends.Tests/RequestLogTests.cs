using Microsoft.Extensions.Logging;

namespace PortfolioTracker.Dividends.Tests;

/// <summary>
/// Requests and their database commands are not logged one by one, and what a request leaves in
/// the log never carries its query string.
/// </summary>
public sealed class RequestLogTests(DividendsHarness harness) : IClassFixture<DividendsHarness>
{
    [Fact]
    public async Task AJsonRequestLeavesNoInformationLogAndNoQueryStringInTheLog()
    {
        const string query = "status=pending&year=2024";

        var (status, _) = await harness.GetJsonAsync($"/v1/dividends?{query}", await harness.AddUserAsync());

        Assert.Equal(HttpStatusCode.OK, status);
        var entries = harness.Logs.Entries;
        Assert.DoesNotContain(entries, entry => entry.Message.Contains(query, StringComparison.Ordinal));
        Assert.DoesNotContain(entries, entry => entry.Level < LogLevel.Warning
            && (entry.Category.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal) || entry.Category.StartsWith("Grpc.AspNetCore", StringComparison.Ordinal)));
        Assert.DoesNotContain(entries, entry => entry.Level < LogLevel.Warning && entry.Category.StartsWith("Npgsql.Command", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AGrpcCallLeavesNoInformationRequestLog()
    {
        var client = new DividendService.DividendServiceClient(harness.Grpc);

        await client.ListDividendsAsync(new ListDividendsRequest { Year = 2024 }, harness.UserHeaders(await harness.AddUserAsync()));

        Assert.DoesNotContain(harness.Logs.Entries, entry => entry.Level < LogLevel.Warning
            && (entry.Category.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal) || entry.Category.StartsWith("Grpc.AspNetCore", StringComparison.Ordinal)));
    }
}
