using PortfolioTracker.Gateway.Tests.RateLimiting;

namespace PortfolioTracker.Gateway.Tests.OpenApi;

/// <summary>The document and the reference page hold no data, so anyone may read them, within the read budget.</summary>
public sealed class ApiReferenceRateLimitTests(RateLimitHarness harness) : IClassFixture<RateLimitHarness>
{
    [Fact]
    public async Task AnAnonymousCallerReadsTheDocumentUntilTheReadBudgetIsSpent()
    {
        for (var i = 0; i < RateLimitHarness.Budget; i++)
        {
            using var allowed = await RateLimitHarness.GetAsync(harness.Http, "/openapi/v1.json", token: null);
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        using var refused = await RateLimitHarness.GetAsync(harness.Http, "/openapi/v1.json", token: null);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter);
    }
}
