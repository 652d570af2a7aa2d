using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using PortfolioTracker.Operator.Console;
using PortfolioTracker.ServiceDefaults.Auth;

namespace PortfolioTracker.Operator.Tests;

[Collection(SuiteCollection.Name)]
public sealed class MigrateAndTokenTests(SuiteFixture suite)
{
    [Fact]
    public async Task Migrate_status_lists_every_migration_as_applied_on_a_migrated_database()
    {
        var result = await OperatorRun.RunAsync(["migrate", "status", "--json", .. suite.Flags()]);

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        var migrations = result.Json().RootElement.EnumerateArray().ToList();
        Assert.NotEmpty(migrations);
        Assert.All(migrations, m => Assert.Equal("applied", m.GetProperty("state").GetString()));
        Assert.Contains(migrations, m => m.GetProperty("version").GetInt32() == 1);
    }

    [Fact]
    public async Task Migrate_up_on_an_up_to_date_database_applies_nothing()
    {
        var result = await OperatorRun.RunAsync(["migrate", "up", "--json", .. suite.Flags()]);

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Equal(0, result.Json().RootElement.GetProperty("applied").GetInt32());
    }

    [Fact]
    public async Task Migrate_status_exits_with_one_when_an_applied_migration_was_edited()
    {
        var database = $"edited_{Guid.NewGuid():N}";
        await suite.ExecuteAsync($"create database {database}");
        await OperatorRun.RunAsync(["migrate", "up", .. suite.Flags(database)]);
        await suite.ExecuteAsync("update public.schema_migrations set checksum = 'edited' where version = 1", database);

        var result = await OperatorRun.RunAsync(["migrate", "status", .. suite.Flags(database)]);

        Assert.Equal(ExitCodes.ProblemsFound, result.ExitCode);
        Assert.Contains("changed", result.Output);
    }

    [Fact]
    public async Task Token_is_a_service_role_token_signed_with_the_suite_key()
    {
        var result = await OperatorRun.RunAsync("token", "--minutes", "5", "--state-dir", suite.StateDirectory);

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        var key = SigningKey.LoadOrCreate(Path.Combine(suite.StateDirectory, "keys", "jwt-signing-key.pem"), out var created);
        Assert.False(created);
        var validation = new TokenSettings().ValidationParameters();
        validation.IssuerSigningKey = key.Credentials.Key;
        var outcome = await new JsonWebTokenHandler().ValidateTokenAsync(result.Output.Trim(), validation);
        Assert.True(outcome.IsValid, outcome.Exception?.Message);
        Assert.Equal("service_role", outcome.Claims["role"]);
        var lifetime = ((JsonWebToken)outcome.SecurityToken).ValidTo - ((JsonWebToken)outcome.SecurityToken).ValidFrom;
        Assert.Equal(TimeSpan.FromMinutes(5), lifetime);
        Assert.Contains("revoke-token --jti", result.Error);
    }

    [Fact]
    public async Task Token_longer_than_the_service_token_limit_is_refused_as_a_usage_error()
    {
        var result = await OperatorRun.RunAsync("token", "--minutes", "61", "--state-dir", suite.StateDirectory);

        Assert.Equal(ExitCodes.UsageOrConnection, result.ExitCode);
        Assert.Equal("", result.Output);
    }

    [Fact]
    public async Task Token_under_json_prints_the_token_and_its_id()
    {
        var result = await OperatorRun.RunAsync("token", "--json", "--state-dir", suite.StateDirectory);

        using var json = result.Json();
        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.True(Guid.TryParse(json.RootElement.GetProperty("tokenId").GetString(), out _));
        Assert.Equal(3, json.RootElement.GetProperty("token").GetString()!.Split('.').Length);
    }
}
