using Microsoft.AspNetCore.Http;
using Npgsql;
using PortfolioTracker.Gateway.RateLimiting;
using PortfolioTracker.Operations.UserData;

namespace PortfolioTracker.Gateway.Tests;

/// <summary><c>GET /v1/account/export</c> and <c>DELETE /v1/account</c>: the caller's own data, all of it, and nobody else's.</summary>
public sealed class AccountRoutesTests(GatewayHarness harness) : IClassFixture<GatewayHarness>
{
    private const string Password = "correct horse battery";

    [Fact]
    public async Task ExportReturnsTheCallersOwnRowsAndNoRowOfAnotherUser()
    {
        var (a, tokenA) = await SignUpWithRowsAsync();
        var (b, _) = await SignUpWithRowsAsync();

        using var response = await GetExportAsync(tokenA);
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain(b.ToString(), text, StringComparison.OrdinalIgnoreCase);
        var document = JsonNode.Parse(text)!.AsObject();
        Assert.Equal("portfolio-tracker.user-export", document["format"]!.GetValue<string>());
        Assert.Equal("self-service", document["scope"]!.GetValue<string>());
        Assert.Equal(a, Guid.Parse(document["userId"]!.GetValue<string>()));
        var tables = document["tables"]!.AsArray().ToDictionary(t => t!["table"]!.GetValue<string>(), t => t!);
        foreach (var table in tables.Values)
        {
            var owner = table["ownerColumn"]!.GetValue<string>();
            Assert.All(table["rows"]!.AsArray(), row => Assert.Equal(a, Guid.Parse(row![owner]!.GetValue<string>())));
        }
        var account = Assert.Single(tables["auth.users"]["rows"]!.AsArray())!.AsObject();
        Assert.False(account.ContainsKey("password_hash"));
        Assert.Equal("AAPL", Assert.Single(tables["public.transactions"]["rows"]!.AsArray())!["symbol"]!.GetValue<string>());
        Assert.Single(tables["public.watchlist"]["rows"]!.AsArray());
        Assert.DoesNotContain("auth.refresh_tokens", tables.Keys);
    }

    [Fact]
    public async Task ExportWithoutAValidUserTokenIsUnauthenticated()
    {
        using var none = await GetExportAsync(token: null);
        using var service = await GetExportAsync(harness.Tokens.ForServiceRole());

        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, service.StatusCode);
    }

    [Fact]
    public async Task ARevokedTokenCanNeitherExportNorDeleteTheAccount()
    {
        var (user, token) = await SignUpWithRowsAsync();
        var before = await RowCountsAsync(user);
        var tokenId = Guid.Parse(new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(token).Id);
        await harness.ExecuteAsync("insert into auth.revoked_tokens (jti, expires_at) values ($1, now() + interval '1 hour')", tokenId);
        // Revocations are re-read at most this often; wait past it so the gateway has seen this one.
        await Task.Delay(PortfolioTracker.ServiceDefaults.Auth.RevokedTokens.RefreshInterval + TimeSpan.FromSeconds(1));

        using var export = await GetExportAsync(token);
        var (deleteStatus, _) = await harness.SendJsonAsync(HttpMethod.Delete, "/v1/account", new { password = Password }, token);

        Assert.Equal(HttpStatusCode.Unauthorized, export.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, deleteStatus);
        Assert.Equal(before, await RowCountsAsync(user));
    }

    [Fact]
    public async Task DeletingWithAWrongPasswordIsRefusedAndDeletesNothing()
    {
        var (user, token) = await SignUpWithRowsAsync();
        var before = await RowCountsAsync(user);
        var attemptsBefore = await LoginAttemptsAsync(user);

        var (status, body) = await harness.SendJsonAsync(HttpMethod.Delete, "/v1/account", new { password = "not the password" }, token);

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.True(RpcStatusJson.IsStatus(body, 7), body.ToJsonString());
        // The failed attempt is counted towards the email's lockout, like a login's; nothing else changes.
        Assert.Equal(attemptsBefore + 1, await LoginAttemptsAsync(user));
        var after = await RowCountsAsync(user);
        Assert.Equal(before, after);
        Assert.Equal(1, after["auth.users"]);
    }

    [Fact]
    public async Task DeletingWithoutAPasswordIsABadRequestNamingPassword()
    {
        var (_, token) = await SignUpWithRowsAsync();

        var (status, body) = await harness.SendJsonAsync(HttpMethod.Delete, "/v1/account", new { }, token);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("password", RpcStatusJson.ViolatedFields(body));
    }

    [Fact]
    public async Task DeletingWithThePasswordRemovesTheAccountAndEveryRowItOwnsAndNothingOfAnotherUser()
    {
        var (user, token) = await SignUpWithRowsAsync();
        var (other, _) = await SignUpWithRowsAsync();
        var otherBefore = await RowCountsAsync(other);
        Assert.True((await RowCountsAsync(user)).Values.Sum() >= 5);

        var (status, _) = await harness.SendJsonAsync(HttpMethod.Delete, "/v1/account", new { password = Password }, token);

        Assert.Equal(HttpStatusCode.NoContent, status);
        var left = await RowCountsAsync(user);
        Assert.All(left.Where(t => t.Key != "public.audit_log"), table => Assert.True(table.Value == 0, $"{table.Key} still holds {table.Value} rows of the deleted user"));
        // The audit trail stays, reduced to the user id: no row image, no key, and one row for the deletion.
        await using var trail = harness.Superuser.CreateCommand("""
            select count(*) filter (where erased_at is null or old_data is not null or new_data is not null or record_id is not null or record_key <> '{}'),
                   count(*) filter (where action = 'DELETE' and table_name = 'users')
            from public.audit_log where user_id = $1
            """);
        trail.Parameters.Add(new NpgsqlParameter { Value = user });
        await using var reader = await trail.ExecuteReaderAsync();
        await reader.ReadAsync();
        Assert.True(left["public.audit_log"] > 1);
        Assert.Equal((0L, 1L), (reader.GetInt64(0), reader.GetInt64(1)));
        Assert.Equal(otherBefore, await RowCountsAsync(other));
        using var export = await GetExportAsync(token);
        Assert.Equal(HttpStatusCode.NotFound, export.StatusCode);
    }

    [Fact]
    public void AccountRoutesDrawOnTheAuthAndImportBudgets()
    {
        Assert.Equal(RouteGroup.Auth, RouteGroups.Classify(Request("DELETE", "/v1/account")));
        Assert.Equal(RouteGroup.Imports, RouteGroups.Classify(Request("GET", "/v1/account/export")));
    }

    private static HttpRequest Request(string method, string path)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = method;
        context.Request.Path = path;
        return context.Request;
    }

    private Task<HttpResponseMessage> GetExportAsync(string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/account/export");
        if (token is not null)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }
        return harness.Http.SendAsync(request);
    }

    /// <summary>A user signed up through the gateway, with a portfolio, a transaction and a watchlist row.</summary>
    private async Task<(Guid User, string Token)> SignUpWithRowsAsync()
    {
        var (status, body) = await harness.PostAsync("/v1/auth/signup", new { email = GatewayHarness.NewEmail(), password = Password });
        Assert.Equal(HttpStatusCode.OK, status);
        var user = Guid.Parse(body["user"]!["id"]!.GetValue<string>());
        await harness.ExecuteAsync("""
            with p as (insert into portfolios (user_id, name) values ($1, 'Main') returning id)
            insert into transactions (user_id, portfolio_id, transaction_type, symbol, quantity, price, date, currency)
            select $1, p.id, 'BUY', 'AAPL', 10, 150.75, date '2024-01-15', 'USD' from p
            """, user);
        await harness.ExecuteAsync("insert into watchlist (user_id, symbol, notes) values ($1, 'MSFT', 'watch')", user);
        return (user, body["accessToken"]!.GetValue<string>());
    }

    /// <summary>The user's rows in every user table the catalog knows (the export's own table list).</summary>
    /// <summary>The lockout's attempt count for the user's email (kept by a hash of it, not by user id).</summary>
    private async Task<int> LoginAttemptsAsync(Guid user)
    {
        await using var command = harness.Superuser.CreateCommand("""
            select coalesce((select attempt_count from auth.login_attempts
                             where email_hash = sha256(convert_to((select email from auth.users where id = $1), 'UTF8'))), 0)
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = user });
        return (int)(await command.ExecuteScalarAsync())!;
    }

    private async Task<SortedDictionary<string, long>> RowCountsAsync(Guid user)
    {
        await using var connection = await harness.Superuser.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var table in await UserTables.ReadAsync(connection, transaction, CancellationToken.None))
        {
            await using var count = new NpgsqlCommand($"select count(*) from {table.QualifiedName} where {table.OwnerColumn} = $1", connection, transaction);
            count.Parameters.Add(new NpgsqlParameter { Value = user });
            counts[table.Name] = (long)(await count.ExecuteScalarAsync())!;
        }
        return counts;
    }
}
