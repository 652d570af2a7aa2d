using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PortfolioTracker.ServiceDefaults.Data;

namespace PortfolioTracker.Gateway.Tests.RateLimiting;

/// <summary>
/// The per-email lockout after too many login attempts, recorded in <c>auth.login_attempts</c>: alike
/// for a registered email and an unknown one.
/// </summary>
public sealed class LoginLockoutTests(LoginLockoutHarness harness) : IClassFixture<LoginLockoutHarness>
{
    private const string Password = "correct horse battery";
    private const int MaxAttempts = LoginLockoutHarness.MaxAttempts;

    [Fact]
    public async Task FiftyWrongPasswordsLockTheAccountEvenForTheRightPasswordUntilTheLockoutEnds()
    {
        var (email, _) = await SignUpAsync();

        var wrong = new List<HttpStatusCode>();
        for (var i = 0; i < 50; i++)
        {
            wrong.Add((await harness.PostAsync("/v1/auth/login", new { email, password = $"wrong password {i}" })).Status);
        }
        using var right = await LoginAsync(email, Password);
        using var wrongAgain = await LoginAsync(email, "yet another wrong one");
        var rightBody = await right.Content.ReadAsStringAsync();
        var wrongBody = await wrongAgain.Content.ReadAsStringAsync();
        var recorded = await AttemptCountAsync(email);

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.Unauthorized, MaxAttempts), wrong.Take(MaxAttempts));
        Assert.All(wrong.Skip(MaxAttempts), status => Assert.Equal(HttpStatusCode.TooManyRequests, status));
        // Refused like a wrong password in the same state: status, body and headers say nothing of the password.
        Assert.Equal(HttpStatusCode.TooManyRequests, right.StatusCode);
        Assert.Equal(wrongAgain.StatusCode, right.StatusCode);
        Assert.True(RpcStatusJson.IsStatus(JsonNode.Parse(rightBody)!.AsObject(), 8), rightBody);
        Assert.Equal(Message(wrongBody), Message(rightBody));
        Assert.NotNull(right.Headers.RetryAfter?.Delta);
        Assert.Equal(wrongAgain.Headers.CacheControl?.ToString(), right.Headers.CacheControl?.ToString());
        Assert.True(recorded > MaxAttempts, $"login_attempts holds {recorded} attempts");

        // Wait the lockout out (Retry-After is rounded up to whole seconds).
        await Task.Delay(right.Headers.RetryAfter!.Delta!.Value + TimeSpan.FromMilliseconds(500));
        var (afterStatus, after) = await harness.PostAsync("/v1/auth/login", new { email, password = Password });

        Assert.Equal(HttpStatusCode.OK, afterStatus);
        Assert.Equal(email, after["user"]!["email"]!.GetValue<string>());
        Assert.Equal(0, await AttemptCountAsync(email));
    }

    [Fact]
    public async Task AnUnknownEmailIsLockedOutAfterAsManyAttemptsAsARegisteredOne()
    {
        var (registered, _) = await SignUpAsync();
        var unknown = GatewayHarness.NewEmail();

        var forRegistered = new List<HttpResponseMessage>();
        var forUnknown = new List<HttpResponseMessage>();
        for (var i = 0; i <= MaxAttempts; i++)
        {
            forRegistered.Add(await LoginAsync(registered, $"wrong password {i}"));
            forUnknown.Add(await LoginAsync(unknown, $"wrong password {i}"));
        }
        // Another spelling of the same unknown email (case, full-width letters) counts against it too.
        using var otherSpelling = await LoginAsync(ToFullWidth(unknown.ToUpperInvariant()), "wrong password");

        Assert.Equal(
            forRegistered.Select(response => response.StatusCode),
            forUnknown.Select(response => response.StatusCode));
        Assert.Equal(HttpStatusCode.TooManyRequests, forUnknown[MaxAttempts].StatusCode);
        Assert.Equal(
            Message(await forRegistered[MaxAttempts].Content.ReadAsStringAsync()),
            Message(await forUnknown[MaxAttempts].Content.ReadAsStringAsync()));
        Assert.NotNull(forUnknown[MaxAttempts].Headers.RetryAfter?.Delta);
        Assert.Equal(HttpStatusCode.TooManyRequests, otherSpelling.StatusCode);
        Assert.True(await AttemptCountAsync(unknown) > MaxAttempts);
        foreach (var response in forRegistered.Concat(forUnknown))
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task ParallelAttemptsCannotExceedTheLimit()
    {
        var (email, _) = await SignUpAsync();

        var statuses = await Task.WhenAll(Enumerable.Range(0, 40).Select(async i =>
            (await harness.PostAsync("/v1/auth/login", new { email, password = $"wrong password {i}" })).Status));

        Assert.Equal(MaxAttempts, statuses.Count(status => status == HttpStatusCode.Unauthorized));
        Assert.Equal(40 - MaxAttempts, statuses.Count(status => status == HttpStatusCode.TooManyRequests));
    }

    [Fact]
    public async Task ASuccessfulLoginStartsTheCountAfresh()
    {
        var (email, _) = await SignUpAsync();
        for (var i = 0; i < MaxAttempts - 1; i++)
        {
            await harness.PostAsync("/v1/auth/login", new { email, password = "wrong password" });
        }

        var (rightStatus, _) = await harness.PostAsync("/v1/auth/login", new { email, password = Password });
        var (wrongStatus, _) = await harness.PostAsync("/v1/auth/login", new { email, password = "wrong password" });

        Assert.Equal(HttpStatusCode.OK, rightStatus);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongStatus);
        Assert.Equal(1, await AttemptCountAsync(email));
    }

    [Fact]
    public async Task TheGatewaysRoleReachesOnlyTheLoginRowsOfRateLimits()
    {
        var (_, userId) = await SignUpAsync();
        await harness.ExecuteAsync("insert into public.rate_limits (user_id, action) values ($1, 'api_call')", userId);
        var database = harness.Services.GetRequiredService<RlsDatabase>();

        var visible = await database.RunAsync(DbClaims.AuthAdmin, session =>
            session.ExecuteScalarAsync<long>("select count(*) from public.rate_limits where user_id = $1", CancellationToken.None, userId),
            CancellationToken.None);
        var insert = await Assert.ThrowsAsync<PostgresException>(() => database.RunAsync(DbClaims.AuthAdmin, session =>
            session.ExecuteNonQueryAsync("insert into public.rate_limits (user_id, action) values ($1, 'export')", CancellationToken.None, userId),
            CancellationToken.None));

        Assert.Equal(0L, visible);
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, insert.SqlState);
    }

    private async Task<(string Email, Guid UserId)> SignUpAsync()
    {
        var email = GatewayHarness.NewEmail();
        var (_, body) = await harness.PostAsync("/v1/auth/signup", new { email, password = Password });
        return (email, Guid.Parse(body["user"]!["id"]!.GetValue<string>()));
    }

    private Task<HttpResponseMessage> LoginAsync(string email, string password) =>
        harness.Http.PostAsJsonAsync("/v1/auth/login", new { email, password });

    private async Task<int> AttemptCountAsync(string email)
    {
        await using var command = harness.Superuser.CreateCommand(
            "select coalesce((select attempt_count from auth.login_attempts where email_hash = sha256(convert_to($1, 'UTF8'))), 0)");
        command.Parameters.Add(new NpgsqlParameter { Value = email });
        return (int)(await command.ExecuteScalarAsync())!;
    }

    private static string ToFullWidth(string text) =>
        new([.. text.Select(c => c is >= '!' and <= '~' ? (char)(c - '!' + '\uFF01') : c)]);

    private static string Message(string body) => JsonNode.Parse(body)!["message"]!.GetValue<string>();
}
