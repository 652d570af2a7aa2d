using System.Text.RegularExpressions;

namespace PortfolioTracker.Gateway.Tests.OpenApi;

/// <summary>
/// The routes of the HTTP/JSON contract, read from the route tables of <c>docs/api.md</c> (a cell
/// such as <c>`GET, POST /v1/portfolios`; `PATCH, DELETE /v1/portfolios/{id}`</c>), less those
/// its "Contract routes not served yet" section names.
/// </summary>
public static partial class ContractRoutes
{
    public static IReadOnlyList<(string Method, string Path)> Served()
    {
        var text = File.ReadAllText(ApiMarkdownPath());
        var notServedAt = text.IndexOf("## Contract routes not served yet", StringComparison.Ordinal);
        var tables = notServedAt < 0 ? text : text[..notServedAt];
        var notServed = notServedAt < 0 ? [] : Routes(text[notServedAt..]).ToHashSet();

        var routes = tables.Split('\n')
            .Where(line => line.StartsWith("| `", StringComparison.Ordinal))
            .SelectMany(line => Routes(line.Split('|')[1]))
            .Where(route => !notServed.Contains(route))
            .Distinct()
            .ToList();
        Assert.True(routes.Count > 30, $"docs/api.md's route tables read as only {routes.Count} routes.");
        return routes;
    }

    /// <summary>Path parameters compared by position, not name: <c>/v1/fx/{from}/{to}</c> is <c>/v1/fx/{}/{}</c>.</summary>
    public static string Shape(string path) => Parameter().Replace(path, "{}");

    private static IEnumerable<(string Method, string Path)> Routes(string text)
    {
        foreach (Match route in Route().Matches(text))
        {
            var path = Shape(route.Groups["path"].Value.Split('?')[0]);
            foreach (var method in route.Groups["methods"].Value.Split(',', StringSplitOptions.TrimEntries))
            {
                yield return (method, path);
            }
        }
    }

    private static string ApiMarkdownPath()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "docs", "api.md");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new FileNotFoundException("docs/api.md was not found above the test's directory.");
    }

    [GeneratedRegex(@"`(?<methods>(?:GET|POST|PUT|PATCH|DELETE)(?:,\s*(?:GET|POST|PUT|PATCH|DELETE))*)\s+(?<path>/[^`\s]*)`")]
    private static partial Regex Route();

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex Parameter();
}
