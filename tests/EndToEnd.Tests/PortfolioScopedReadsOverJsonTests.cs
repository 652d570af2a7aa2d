using System.Net;
using PortfolioTracker.EndToEnd.Tests.Support;

namespace PortfolioTracker.EndToEnd.Tests;

/// <summary>Reads scoped by <c>?portfolioId</c> over HTTP/JSON: another user's portfolio is 404, like one that never existed.</summary>
[Collection(SuiteCollection.Name)]
public class PortfolioScopedReadsOverJsonTests(SuiteFixture suite)
{
    private HttpClient Http => suite.Http;

    [Theory]
    [InlineData("/v1/holdings?portfolioId={0}")]
    [InlineData("/v1/portfolio/summary?portfolioId={0}&asOf=2024-03-28")]
    [InlineData("/v1/portfolio/performance?portfolioId={0}&asOf=2024-03-28")]
    [InlineData("/v1/portfolio/risk?portfolioId={0}&asOf=2024-03-28")]
    public async Task AnotherUsersPortfolioIsNotFoundAndTheOwnerReadsIt(string path)
    {
        var alice = await suite.Http.SignUpAsync();
        var bob = await suite.Http.SignUpAsync();
        var bought = await Http.CreateTransactionAsync(bob, Api.Buy("BOBS"));
        var bobsPortfolio = bought["portfolioId"]!.GetValue<string>();

        using var foreign = await Http.SendAsync(HttpMethod.Get, string.Format(System.Globalization.CultureInfo.InvariantCulture, path, bobsPortfolio), alice.AccessToken);
        using var unknown = await Http.SendAsync(HttpMethod.Get, string.Format(System.Globalization.CultureInfo.InvariantCulture, path, Guid.NewGuid()), alice.AccessToken);
        using var own = await Http.SendAsync(HttpMethod.Get, string.Format(System.Globalization.CultureInfo.InvariantCulture, path, bobsPortfolio), bob.AccessToken);

        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.DoesNotContain("BOBS", await foreign.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
