using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.JsonWebTokens;
using Npgsql;
using PortfolioTracker.Gateway.Auth;

namespace PortfolioTracker.Gateway.Tests;

/// <summary>
/// How long credentials live: a sign-in session ends 30 days after login however often it is
/// refreshed; a service-role token lives at most an hour and can be revoked by its id.
/// </summary>
public sealed class TokenLifetimeTests(GatewayHarness harness) : IClassFixture<GatewayHarness>
{
    private const string Password = "correct horse battery";

    [Fact]
    public async Task RefreshingCannotOutliveTheSessionStartedAtLogin()
    {
        var (_, signUp) = await harness.PostAsync("/v1/auth/signup", new { email = GatewayHarness.NewEmail(), password = Password });
        var first = signUp["refreshToken"]!.GetValue<string>();
        // Logged in 31 days ago, refreshed a minute ago: the refresh token itself is still fresh.
        await BackdateLoginAsync(first, TimeSpan.FromDays(31));

        var (status, body) = await harness.PostAsync("/v1/auth/refresh", new { refreshToken = first });

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.True(RpcStatusJson.IsStatus(body, 16), body.ToJsonString());
    }

    [Fact]
    public async Task ARefreshedTokenExpiresNoLaterThanTheSessionEnds()
    {
        var (_, signUp) = await harness.PostAsync("/v1/auth/signup", new { email = GatewayHarness.NewEmail(), password = Password });
        await BackdateLoginAsync(signUp["refreshToken"]!.GetValue<string>(), TimeSpan.FromDays(29));

        var (status, rotated) = await harness.PostAsync("/v1/auth/refresh", new { refreshToken = signUp["refreshToken"]!.GetValue<string>() });
        var remaining = await QueryAsync<TimeSpan>(
            "select expires_at - now() from auth.refresh_tokens where token_hash = $1", TokenIssuer.HashRefreshToken(rotated["refreshToken"]!.GetValue<string>()));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.InRange(remaining, TimeSpan.FromHours(23), TimeSpan.FromDays(1));
    }

    [Fact]
    public void TheMintCommandRefusesAServiceTokenLongerThanAnHour()
    {
        var (refused, _) = Mint("--minutes", "61");
        var (yearLong, _) = Mint("--minutes", "525600");
        var (minted, token) = Mint("--minutes", "60");
        var jwt = new JsonWebToken(token);

        Assert.Equal(2, refused);
        Assert.Equal(2, yearLong);
        Assert.Equal(0, minted);
        Assert.Equal(TimeSpan.FromMinutes(60), jwt.ValidTo - jwt.IssuedAt);
        Assert.True(Guid.TryParse(jwt.Id, out _));
    }

    [Fact]
    public void TheIssuerItselfRefusesALongerServiceToken()
    {
        var issuer = harness.Services.GetRequiredService<TokenIssuer>();

        Assert.Throws<ArgumentOutOfRangeException>(() => issuer.IssueServiceToken(TimeSpan.FromMinutes(61), out _));
    }

    [Fact]
    public async Task TheRevokeCommandRecordsTheTokenIdForTheServices()
    {
        var tokenId = Guid.NewGuid();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:portfolio-db"] = harness.Postgres.AuthenticatorConnectionString,
        }).Build();

        var first = await RevokeTokenCommand.RunAsync(["revoke-token", "--jti", tokenId.ToString()], configuration);
        var again = await RevokeTokenCommand.RunAsync(["revoke-token", "--jti", tokenId.ToString()], configuration);
        var malformed = await RevokeTokenCommand.RunAsync(["revoke-token", "--jti", "not-an-id"], configuration);
        var stored = await QueryAsync<long>("select count(*) from auth.revoked_tokens where jti = $1 and expires_at > now()", tokenId);

        Assert.Equal(0, first);
        Assert.Equal(0, again);
        Assert.Equal(2, malformed);
        Assert.Equal(1, stored);
    }

    private (int ExitCode, string Output) Mint(params string[] options)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Auth:SigningKeyPath"] = harness.SigningKeyPath,
        }).Build();
        var environment = harness.Services.GetRequiredService<IHostEnvironment>();
        var output = new StringWriter();
        var (stdout, stderr) = (Console.Out, Console.Error);
        Console.SetOut(output);
        Console.SetError(TextWriter.Null);
        try
        {
            var exitCode = MintServiceTokenCommand.Run([MintServiceTokenCommand.Name, .. options], configuration, environment);
            return (exitCode, output.ToString().Trim());
        }
        finally
        {
            Console.SetOut(stdout);
            Console.SetError(stderr);
        }
    }

    private Task BackdateLoginAsync(string refreshToken, TimeSpan age) =>
        harness.ExecuteAsync(
            """
            update auth.refresh_tokens set created_at = created_at - $2
            where family_id = (select family_id from auth.refresh_tokens where token_hash = $1)
            """,
            TokenIssuer.HashRefreshToken(refreshToken), age);

    private async Task<T> QueryAsync<T>(string sql, params object[] args)
    {
        await using var command = harness.Superuser.CreateCommand(sql);
        foreach (var arg in args)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = arg });
        }
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
