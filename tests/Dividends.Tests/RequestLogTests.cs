using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PortfolioTracker.TestSupport;

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

    [Theory]
    [InlineData("Npgsql.Command")]
    [InlineData("System.Net.Http.HttpClient.PriceServiceClient.LogicalHandler")]
    [InlineData("Polly")]
    [InlineData("Microsoft.AspNetCore.Hosting.Diagnostics")]
    public void PerCallCategoriesLogWarningsOnly(string category)
    {
        var builder = Host.CreateApplicationBuilder();
        var recorder = new LogRecorder();
        builder.Logging.ClearProviders().AddProvider(recorder);
        builder.QuietRequestLogs();
        using var host = builder.Build();
        var loggers = host.Services.GetRequiredService<ILoggerFactory>();

        loggers.CreateLogger(category).LogInformation("per call");
        loggers.CreateLogger(category).LogWarning("retried");
        loggers.CreateLogger("PortfolioTracker.Dividends").LogInformation("the service's own");

        Assert.Equal(["Warning: retried", "Information: the service's own"], recorder.Messages);
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
