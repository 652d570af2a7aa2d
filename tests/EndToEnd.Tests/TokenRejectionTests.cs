using System.Net;
using PortfolioTracker.EndToEnd.Tests.Support;

namespace PortfolioTracker.EndToEnd.Tests;

/// <summary>No token is trusted without its signature, issuer, audience and expiry checked.</summary>
[Collection(SuiteCollection.Name)]
public class TokenRejectionTests(SuiteFixture suite)
{
    public enum BadToken { Missing, Expired, SignedByAnotherKey, AlgNone, TamperedPayload, Garbage }

    public static TheoryData<BadToken> BadTokens => new(Enum.GetValues<BadToken>());

    private async Task<string?> MakeAsync(BadToken kind, TestUser victim, TestUser attacker)
    {
        var keyId = await CurrentKeyIdAsync();
        return kind switch
        {
            BadToken.Missing => null,
            BadToken.Expired => ForgedTokens.Expired(suite.SigningKeyPath, keyId, victim.Id),
            BadToken.SignedByAnotherKey => ForgedTokens.SignedByAnotherKey(keyId, victim.Id),
            BadToken.AlgNone => ForgedTokens.AlgNone(attacker.AccessToken.Replace(attacker.Id.ToString(), victim.Id.ToString())),
            BadToken.TamperedPayload => ForgedTokens.WithPayloadClaimingUser(attacker.AccessToken, victim.Id),
            _ => "not-a-jwt",
        };
    }

    private async Task<string> CurrentKeyIdAsync()
    {
        using var jwks = await suite.Http.GetAsync("/.well-known/jwks.json");
        return (await jwks.ReadJsonAsync())["keys"]![0]!["kid"]!.GetValue<string>();
    }

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task ReadingWithABadTokenIsUnauthorizedAndRevealsNothing(BadToken kind)
    {
        var victim = await suite.Http.SignUpAsync();
        var attacker = await suite.Http.SignUpAsync();
        await suite.Http.CreateTransactionAsync(victim, Api.Buy("SECRET"));
        var token = await MakeAsync(kind, victim, attacker);

        using var response = await suite.Http.SendAsync(HttpMethod.Get, "/v1/transactions", token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var body = await response.ReadJsonAsync();
        Assert.Equal(16, body["code"]!.GetValue<int>());
        Assert.DoesNotContain("SECRET", body.Json());
    }

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task WritingWithABadTokenIsUnauthorizedAndStoresNothing(BadToken kind)
    {
        var victim = await suite.Http.SignUpAsync();
        var attacker = await suite.Http.SignUpAsync();
        var token = await MakeAsync(kind, victim, attacker);
        var before = await suite.CountAsync("select count(*) from transactions");

        using var response = await suite.Http.SendAsync(HttpMethod.Post, "/v1/transactions", token, Api.Buy());

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(before, await suite.CountAsync("select count(*) from transactions"));
        Assert.Equal(0, await suite.CountAsync("select count(*) from portfolios where user_id = $1", victim.Id));
    }

    [Fact]
    public async Task AServiceRoleTokenCannotActAsAUser()
    {
        var token = ForgedTokens.ServiceRole(suite.SigningKeyPath, await CurrentKeyIdAsync());

        using var response = await suite.Http.SendAsync(HttpMethod.Post, "/v1/transactions", token, Api.Buy());

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(7, (await response.ReadJsonAsync())["code"]!.GetValue<int>());
    }
}
