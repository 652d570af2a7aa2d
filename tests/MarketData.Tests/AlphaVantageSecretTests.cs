namespace PortfolioTracker.MarketData.Tests;

/// <summary>The API key goes to the provider and nowhere else: not in logs, not in exceptions.</summary>
public sealed class AlphaVantageSecretTests
{
    [Fact]
    public async Task TheApiKeyNeverAppearsInLogsOrExceptionsWhateverHappens()
    {
        await using var harness = await ClientHarness.StartAsync(ClientHarness.Settings(
            ("AttemptTimeout", "00:00:02"), ("MaxRetries", 1), ("BreakerFailureThreshold", 100)));
        harness.Server.Script(
            FakeReply.Status(500), FakeReply.Status(500),
            FakeReply.Abort, FakeReply.Abort,
            FakeReply.Delayed(TimeSpan.FromSeconds(5), FakeReply.Status(200)), FakeReply.Delayed(TimeSpan.FromSeconds(5), FakeReply.Status(200)),
            FakeReply.Json($$"""{"Information": "We have detected your API key as {{ClientHarness.ApiKey}} and our standard API rate limit is 25 requests per day."}"""),
            FakeReply.Json($$"""{"Error Message": "Invalid API call for apikey={{ClientHarness.ApiKey}}."}"""),
            FakeReply.Json("<html>maintenance</html>"),
            FakeReply.Fixture(Fixtures.PremiumEndpoint));
        var exceptions = new List<Exception>();

        for (var call = 0; call < 7; call++)
        {
            try
            {
                await harness.Provider.GetDividendsAsync("IBM", CancellationToken.None);
            }
            catch (MarketDataProviderException exception)
            {
                exceptions.Add(exception);
            }
            harness.Clock.Advance(TimeSpan.FromDays(1)); // past the day the rate-limit answer spends
        }

        Assert.All(harness.Server.Received, request => Assert.Equal(ClientHarness.ApiKey, request.ApiKey));
        Assert.Equal(7, exceptions.Count);
        Assert.NotEmpty(harness.Logs.Lines);
        Assert.All(exceptions, exception => Assert.DoesNotContain(ClientHarness.ApiKey, exception.ToString()));
        Assert.All(harness.Logs.Lines, line => Assert.DoesNotContain(ClientHarness.ApiKey, line));
    }
}
