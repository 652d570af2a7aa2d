using System.Net;
using System.Net.Http.Json;
using PortfolioTracker.EndToEnd.Tests.Support;

namespace PortfolioTracker.EndToEnd.Tests;

[Collection(SuiteCollection.Name)]
public class AuthFlowTests(SuiteFixture suite)
{
    private HttpClient Http => suite.Http;

    [Fact]
    public async Task LoginIssuesTokensThatTheServicesAccept()
    {
        var user = await Http.SignUpAsync();

        using var login = await Http.PostAsJsonAsync("/v1/auth/login", new { email = user.Email, password = user.Password });
        var body = await login.ReadJsonAsync();
        using var list = await Http.SendAsync(HttpMethod.Get, "/v1/transactions", body["accessToken"]!.GetValue<string>());

        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Equal("bearer", body["tokenType"]!.GetValue<string>());
        Assert.Equal(user.Id.ToString(), body["user"]!["id"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
    }

    [Fact]
    public async Task AWrongPasswordIsUnauthorized()
    {
        var user = await Http.SignUpAsync();

        using var login = await Http.PostAsJsonAsync("/v1/auth/login", new { email = user.Email, password = "wrong password!" });

        Assert.Equal(HttpStatusCode.Unauthorized, login.StatusCode);
        Assert.Equal(16, (await login.ReadJsonAsync())["code"]!.GetValue<int>());
    }

    [Fact]
    public async Task RefreshRotatesAndTheOldRefreshTokenStopsWorking()
    {
        var user = await Http.SignUpAsync();

        using var first = await Http.PostAsJsonAsync("/v1/auth/refresh", new { refreshToken = user.RefreshToken });
        using var replay = await Http.PostAsJsonAsync("/v1/auth/refresh", new { refreshToken = user.RefreshToken });

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.NotEqual(user.RefreshToken, (await first.ReadJsonAsync())["refreshToken"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Unauthorized, replay.StatusCode);
    }

    [Fact]
    public async Task LogoutRevokesTheRefreshToken()
    {
        var user = await Http.SignUpAsync();

        using var logout = await Http.PostAsJsonAsync("/v1/auth/logout", new { refreshToken = user.RefreshToken });
        using var refresh = await Http.PostAsJsonAsync("/v1/auth/refresh", new { refreshToken = user.RefreshToken });

        Assert.True(logout.IsSuccessStatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, refresh.StatusCode);
    }

    [Fact]
    public async Task SigningUpTwiceWithOneEmailIsAConflict()
    {
        var user = await Http.SignUpAsync();

        using var again = await Http.PostAsJsonAsync("/v1/auth/signup", new { email = user.Email.ToUpperInvariant(), password = "another long password" });

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(1, await suite.CountAsync("select count(*) from auth.users where lower(email) = lower($1)", user.Email));
    }

    [Theory]
    [InlineData("not-an-email", "long enough password", "email")]
    [InlineData("someone@example.com", "short", "password")]
    public async Task BadSignupFieldsAreNamed(string email, string password, string field)
    {
        using var response = await Http.PostAsJsonAsync("/v1/auth/signup", new { email, password });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal([field], Api.ViolatedFields(await response.ReadJsonAsync()));
    }

    [Fact]
    public async Task PasswordsAreStoredOnlyAsArgon2idHashes()
    {
        var user = await Http.SignUpAsync();

        Assert.Equal(1, await suite.CountAsync(
            "select count(*) from auth.users where id = $1 and password_hash like '$argon2id$%' and position($2 in password_hash) = 0",
            user.Id, user.Password));
    }

    [Fact]
    public async Task TheJwksPublishesOnlyPublicKeyParts()
    {
        using var response = await Http.GetAsync("/.well-known/jwks.json");
        var key = (await response.ReadJsonAsync())["keys"]![0]!.AsObject();

        Assert.Equal("EC", key["kty"]!.GetValue<string>());
        Assert.Equal("ES256", key["alg"]!.GetValue<string>());
        Assert.False(key.ContainsKey("d"));
    }
}
