using System.Text.RegularExpressions;

namespace PortfolioTracker.Gateway.Tests.Dashboard;

/// <summary>The web dashboard's files at <c>/</c>: anonymous, same-origin only, under a strict Content-Security-Policy.</summary>
public sealed partial class DashboardFilesTests(GatewayHarness harness) : IClassFixture<GatewayHarness>
{
    private static string DashboardFolder => Path.Combine(AppContext.BaseDirectory, "dashboard");

    [Fact]
    public async Task TheRootServesThePageWithoutATokenUnderAStrictContentSecurityPolicy()
    {
        using var response = await harness.Http.GetAsync("/");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("<script type=\"module\" src=\"app.js\"></script>", html);
        var policy = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'self'", policy);
        Assert.Contains("script-src 'self'", policy);
        Assert.Contains("frame-ancestors 'none'", policy);
        Assert.DoesNotContain("unsafe-inline", policy);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task EveryFileThePageLoadsIsServedFromTheGatewayItself()
    {
        using var page = await harness.Http.GetAsync("/");
        var html = await page.Content.ReadAsStringAsync();
        var references = LocalReference().Matches(html).Select(match => match.Groups[1].Value).ToList();

        Assert.Contains("vendor/chart.umd.min.js", references);
        Assert.Contains("styles.css", references);
        foreach (var reference in references)
        {
            using var file = await harness.Http.GetAsync("/" + reference);
            Assert.True(file.StatusCode == HttpStatusCode.OK, $"/{reference} answered {(int)file.StatusCode}");
            Assert.Contains("default-src 'self'", string.Join(";", file.Headers.GetValues("Content-Security-Policy")));
        }
        using var module = await harness.Http.GetAsync("/views/holdings.js");
        Assert.Equal("text/javascript", module.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public void TheDashboardsOwnSourcesNameNoOtherHost()
    {
        var sources = Directory.EnumerateFiles(DashboardFolder, "*", SearchOption.AllDirectories)
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}vendor{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToList();

        Assert.Contains(sources, path => path.EndsWith("app.js", StringComparison.Ordinal));
        foreach (var path in sources)
        {
            Assert.DoesNotMatch(@"(https?:)?//[a-z0-9.-]+\.[a-z]{2,}", File.ReadAllText(path));
        }
    }

    [Fact]
    public async Task AnUnknownFileIsNotFoundAndTheApiRoutesStillAnswer()
    {
        using var missing = await harness.Http.GetAsync("/no-such-file.js");
        using var health = await harness.Http.GetAsync("/health");

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [GeneratedRegex(@"(?:src|href)=""(?!data:)([^""#]+)""")]
    private static partial Regex LocalReference();
}
