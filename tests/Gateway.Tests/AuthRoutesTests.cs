using System.Net.Http.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace PortfolioTracker.Gateway.Tests;

/// <summary>The <c>/v1/auth</c> routes and the published keys, with their error bodies.</summary>
public sealed class AuthRoutesTests(GatewayHarness harness) : IClassFixture<GatewayHarness>
{
    private const string Password = "correct horse battery";

    [Fact]
    public async Task SignUpReturnsTokensSignedByThePublishedKey()
    {
        var email = GatewayHarness.NewEmail();

        using var response = await harness.Http.PostAsJsonAsync("/v1/auth/signup", new { email = "  " + email.ToUpperInvariant(), password = Password });
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        var (_, jwks) = await harness.SendJsonAsync(HttpMethod.Get, "/.well-known/jwks.json", body: null, token: null);
        var validation = await new JsonWebTokenHandler().ValidateTokenAsync(body["accessToken"]!.GetValue<string>(), new TokenValidationParameters
        {
            ValidIssuer = "portfolio-tracker",
            ValidAudience = "portfolio-tracker-api",
            IssuerSigningKeys = [new JsonWebKey(jwks["keys"]![0]!.ToJsonString())],
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.Equal("bearer", body["tokenType"]!.GetValue<string>());
        Assert.Equal(15 * 60, body["expiresIn"]!.GetValue<int>());
        Assert.Equal(email, body["user"]!["email"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(body["refreshToken"]!.GetValue<string>()));
        Assert.True(validation.IsValid, validation.Exception?.Message);
        Assert.Equal(body["user"]!["id"]!.GetValue<string>(), validation.Claims["sub"]);
        Assert.Equal("authenticated", validation.Claims["role"]);
    }

    [Fact]
    public async Task SigningUpTwiceWithOneEmailIsAConflict()
    {
        var email = GatewayHarness.NewEmail();
        await harness.PostAsync("/v1/auth/signup", new { email, password = Password });

        var (status, body) = await harness.PostAsync("/v1/auth/signup", new { email, password = Password });

        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.True(RpcStatusJson.IsStatus(body, 6), body.ToJsonString());
    }

    public static TheoryData<string, object, string[]> BadRequests => new()
    {
        { "/v1/auth/signup", new { email = "not-an-address", password = "short" }, ["email", "password"] },
        { "/v1/auth/signup", new { password = Password }, ["email"] },
        { "/v1/auth/login", new { email = "someone@example.test" }, ["password"] },
        { "/v1/auth/refresh", new { }, ["refreshToken"] },
        { "/v1/auth/logout", new { refreshToken = new string('x', 129) }, ["refreshToken"] },
        { "/v1/auth/login", new { email = 42, password = Password }, ["email"] },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task BadInputIsA400StatusNamingTheFields(string path, object request, string[] fields)
    {
        var (status, body) = await harness.PostAsync(path, request);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(3, body["code"]!.GetValue<int>());
        Assert.Equal(fields, RpcStatusJson.ViolatedFields(body));
    }

    [Fact]
    public async Task ABodyThatIsNotJsonIsA400Status()
    {
        using var content = new StringContent("email=a@b.c", System.Text.Encoding.UTF8, "application/json");

        var (status, body) = await harness.PostAsync("/v1/auth/login", content);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.True(RpcStatusJson.IsStatus(body, 3), body.ToJsonString());
    }

    [Fact]
    public async Task LoginWithTheRightPasswordSucceedsAndAWrongOneIsUnauthenticated()
    {
        var email = GatewayHarness.NewEmail();
        await harness.PostAsync("/v1/auth/signup", new { email, password = Password });

        var (okStatus, ok) = await harness.PostAsync("/v1/auth/login", new { email, password = Password });
        var (wrongStatus, wrong) = await harness.PostAsync("/v1/auth/login", new { email, password = Password + "!" });
        var (unknownStatus, unknown) = await harness.PostAsync("/v1/auth/login", new { email = GatewayHarness.NewEmail(), password = Password });

        Assert.Equal(HttpStatusCode.OK, okStatus);
        Assert.Equal(email, ok["user"]!["email"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Unauthorized, wrongStatus);
        Assert.True(RpcStatusJson.IsStatus(wrong, 16), wrong.ToJsonString());
        Assert.Equal(HttpStatusCode.Unauthorized, unknownStatus);
        Assert.Equal(wrong["message"]!.GetValue<string>(), unknown["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task RefreshRotatesTheTokenAndReusingTheOldOneRevokesTheFamily()
    {
        var (_, signUp) = await harness.PostAsync("/v1/auth/signup", new { email = GatewayHarness.NewEmail(), password = Password });
        var first = signUp["refreshToken"]!.GetValue<string>();

        var (rotatedStatus, rotated) = await harness.PostAsync("/v1/auth/refresh", new { refreshToken = first });
        var second = rotated["refreshToken"]!.GetValue<string>();
        var (reusedStatus, reused) = await harness.PostAsync("/v1/auth/refresh", new { refreshToken = first });
        var (afterReuseStatus, _) = await harness.PostAsync("/v1/auth/refresh", new { refreshToken = second });

        Assert.Equal(HttpStatusCode.OK, rotatedStatus);
        Assert.NotEqual(first, second);
        Assert.Equal(HttpStatusCode.Unauthorized, reusedStatus);
        Assert.True(RpcStatusJson.IsStatus(reused, 16), reused.ToJsonString());
        Assert.Equal(HttpStatusCode.Unauthorized, afterReuseStatus);
    }

    [Fact]
    public async Task LogoutRevokesTheRefreshTokenAndIsIdempotent()
    {
        var (_, signUp) = await harness.PostAsync("/v1/auth/signup", new { email = GatewayHarness.NewEmail(), password = Password });
        var refreshToken = signUp["refreshToken"]!.GetValue<string>();

        var (logoutStatus, _) = await harness.PostAsync("/v1/auth/logout", new { refreshToken });
        var (againStatus, _) = await harness.PostAsync("/v1/auth/logout", new { refreshToken });
        var (refreshStatus, _) = await harness.PostAsync("/v1/auth/refresh", new { refreshToken });

        Assert.Equal(HttpStatusCode.NoContent, logoutStatus);
        Assert.Equal(HttpStatusCode.NoContent, againStatus);
        Assert.Equal(HttpStatusCode.Unauthorized, refreshStatus);
    }

    [Fact]
    public async Task TheDiscoveryDocumentPointsServicesAtTheJwks()
    {
        var (status, discovery) = await harness.SendJsonAsync(HttpMethod.Get, "/.well-known/openid-configuration", body: null, token: null);
        var (_, jwks) = await harness.SendJsonAsync(HttpMethod.Get, "/.well-known/jwks.json", body: null, token: null);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("portfolio-tracker", discovery["issuer"]!.GetValue<string>());
        Assert.EndsWith("/.well-known/jwks.json", discovery["jwks_uri"]!.GetValue<string>(), StringComparison.Ordinal);
        var key = Assert.Single(jwks["keys"]!.AsArray())!;
        Assert.Equal("ES256", key["alg"]!.GetValue<string>());
        Assert.Equal("P-256", key["crv"]!.GetValue<string>());
        Assert.Null(key["d"]);
    }
}
