namespace PortfolioTracker.Dividends.Tests;

/// <summary>
/// A token revoked by its id (<c>auth.revoked_tokens</c>) is refused by the service's own token
/// validation, although its signature and expiry are still good.
/// </summary>
public sealed class RevokedTokenTests(DividendsHarness harness) : IClassFixture<DividendsHarness>
{
    [Fact]
    public async Task ARevokedTokenIsRefusedOverJsonAndNativeGrpcWhileOthersStillWork()
    {
        var user = await harness.AddUserAsync();
        var revokedId = Guid.NewGuid();
        var revoked = TokenWithId(user, revokedId);
        var other = TokenWithId(user, Guid.NewGuid());
        await harness.ExecuteAsync("insert into auth.revoked_tokens (jti, expires_at) values ($1, now() + interval '1 hour')", revokedId);
        // The list is cached for a few seconds; a revocation takes effect after that.
        await Task.Delay(ServiceDefaults.Auth.RevokedTokens.RefreshInterval);
        var client = new DividendService.DividendServiceClient(harness.Grpc);

        var (revokedStatus, revokedBody) = await harness.SendJsonAsync(HttpMethod.Get, "/v1/dividends", body: null, revoked);
        var grpc = await Assert.ThrowsAsync<RpcException>(async () => await client.ListDividendsAsync(
            new ListDividendsRequest(), new Metadata { { "Authorization", "Bearer " + revoked } }));
        var (otherStatus, _) = await harness.SendJsonAsync(HttpMethod.Get, "/v1/dividends", body: null, other);

        Assert.Equal(HttpStatusCode.Unauthorized, revokedStatus);
        Assert.True(RpcStatusJson.IsStatus(revokedBody, 16), revokedBody.ToJsonString());
        Assert.Equal(StatusCode.Unauthenticated, grpc.StatusCode);
        Assert.Equal(HttpStatusCode.OK, otherStatus);
    }

    private string TokenWithId(Guid userId, Guid tokenId) => harness.Tokens.Sign(new Dictionary<string, object>
    {
        ["sub"] = userId.ToString(),
        ["role"] = "authenticated",
        ["jti"] = tokenId.ToString(),
    });
}
