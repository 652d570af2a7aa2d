using Microsoft.OpenApi;

namespace PortfolioTracker.Gateway.Tests.OpenApi;

/// <summary><c>/openapi/v1.json</c> and <c>/docs</c>: the contract a client developer can read and try.</summary>
public sealed class ApiDocumentTests(GatewayHarness harness) : IClassFixture<GatewayHarness>
{
    [Fact]
    public async Task EveryRouteOfTheContractIsInTheDocument()
    {
        var document = await ReadDocumentAsync();
        var described = document.Paths
            .SelectMany(path => path.Value.Operations!.Keys.Select(method => (method.Method.ToUpperInvariant(), ContractRoutes.Shape(path.Key))))
            .ToHashSet();

        var missing = ContractRoutes.Served().Where(route => !described.Contains(route)).ToList();

        Assert.True(missing.Count == 0, "Missing from /openapi/v1.json: " + string.Join(", ", missing.Select(r => $"{r.Method} {r.Path}")));
    }

    [Fact]
    public async Task TheDocumentValidatesWithoutErrors()
    {
        var text = await harness.Http.GetStringAsync("/openapi/v1.json");

        var (document, diagnostic) = OpenApiDocument.Parse(text, "json");

        Assert.NotNull(document);
        Assert.Empty(diagnostic!.Errors.Select(error => error.ToString()));
        Assert.Empty(document.Validate(ValidationRuleSet.GetDefaultRuleSet())!.Select(error => error.ToString()));
    }

    [Fact]
    public async Task ATranscodedRouteHasItsRequestAndResponseSchemasAndTheErrorBody()
    {
        var document = await ReadDocumentAsync();

        var create = document.Paths["/v1/transactions"].Operations![HttpMethod.Post];
        var request = create.RequestBody!.Content!["application/json"].Schema!;
        Assert.Contains("transactionType", Resolve(document, request).Properties!.Keys);
        var ok = create.Responses!["200"].Content!["application/json"].Schema!;
        Assert.Contains("id", Resolve(document, ok).Properties!.Keys);
        var error = create.Responses!["default"].Content!["application/json"].Schema!;
        Assert.Equal(["code", "details", "message"], Resolve(document, error).Properties!.Keys.Order());
        // Proto comments are the descriptions.
        Assert.False(string.IsNullOrWhiteSpace(create.Summary + create.Description), "CreateTransaction has no description.");
    }

    [Fact]
    public async Task RoutesNeedTheBearerTokenExceptTheAnonymousOnes()
    {
        var document = await ReadDocumentAsync();

        var scheme = Assert.IsType<OpenApiSecurityScheme>(document.Components!.SecuritySchemes!["bearer"]);
        Assert.Equal((SecuritySchemeType.Http, "bearer"), (scheme.Type, scheme.Scheme));
        var summary = document.Paths["/v1/portfolio/summary"].Operations![HttpMethod.Get];
        Assert.Contains(summary.Security!, requirement => requirement.Keys.Any(key => key.Reference.Id == "bearer"));
        var login = document.Paths["/v1/auth/login"].Operations![HttpMethod.Post];
        Assert.True(login.Security is null || login.Security.Count == 0);
    }

    [Fact]
    public async Task AnAuthRouteDescribesItsBodyTokensAndErrors()
    {
        var document = await ReadDocumentAsync();

        var signup = document.Paths["/v1/auth/signup"].Operations![HttpMethod.Post];

        Assert.Contains("password", Resolve(document, signup.RequestBody!.Content!["application/json"].Schema!).Properties!.Keys);
        Assert.Contains("accessToken", Resolve(document, signup.Responses!["200"].Content!["application/json"].Schema!).Properties!.Keys);
        var conflict = Resolve(document, signup.Responses!["409"].Content!["application/json"].Schema!);
        Assert.Contains("code", conflict.Properties!.Keys);
    }

    [Fact]
    public async Task TheReferencePageIsServedWithoutAnyOtherHost()
    {
        using var response = await harness.Http.GetAsync("/docs");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("openapi/v1.json", html);
        Assert.DoesNotMatch(@"(src|href)\s*=\s*[""']?(https?:)?//", html);
        var script = System.Text.RegularExpressions.Regex.Match(html, @"<script[^>]+src=""([^""]+)""").Groups[1].Value;
        using var scriptResponse = await harness.Http.GetAsync(new Uri(response.RequestMessage!.RequestUri!, script));
        Assert.Equal(HttpStatusCode.OK, scriptResponse.StatusCode);
    }

    private async Task<OpenApiDocument> ReadDocumentAsync()
    {
        var (document, _) = OpenApiDocument.Parse(await harness.Http.GetStringAsync("/openapi/v1.json"), "json");
        return document!;
    }

    private static IOpenApiSchema Resolve(OpenApiDocument document, IOpenApiSchema schema) =>
        schema is OpenApiSchemaReference reference ? document.Components!.Schemas![reference.Reference.Id!] : schema;
}
