using PortfolioTracker.Gateway.Tests.RateLimiting;

namespace PortfolioTracker.Gateway.Tests.Dashboard;

/// <summary>The dashboard's files need no token and draw on the read budget like any GET.</summary>
public sealed class DashboardRateLimitTests(RateLimitHarness harness) : IClassFixture<RateLimitHarness>
{
    [Fact]
    public async Task AnAnonymousCallerLoadsThePageUntilTheReadBudgetIsSpent()
    {
        for (var i = 0; i < RateLimitHarness.Budget; i++)
        {
            using var allowed = await RateLimitHarness.GetAsync(harness.Http, i % 2 == 0 ? "/" : "/app.js", token: null);
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        using var refused = await RateLimitHarness.GetAsync(harness.Http, "/styles.css", token: null);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter);
    }
}
