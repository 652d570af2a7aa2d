using PortfolioTracker.EndToEnd.Tests.Support;

namespace PortfolioTracker.EndToEnd.Tests;

/// <summary>The services reach Postgres as <c>authenticator</c>: no superuser, no owner, no bypass.</summary>
[Collection(SuiteCollection.Name)]
public class DatabaseRoleTests(SuiteFixture suite)
{
    private static readonly string[] Services = ["Portfolio", "MarketData", "Dividends", "Gateway"];

    [Fact]
    public async Task EveryServiceConnectsAsAuthenticator()
    {
        // Make each service open (and pool) a connection.
        var user = await suite.Http.SignUpAsync();
        await suite.Http.SendAsync(HttpMethod.Get, "/v1/transactions", user.AccessToken);
        await suite.Http.SendAsync(HttpMethod.Get, "/v1/stocks/AAPL", user.AccessToken);
        await suite.Http.SendAsync(HttpMethod.Get, "/v1/dividends", user.AccessToken);

        await using var command = suite.Superuser.CreateCommand(
            "select distinct application_name, usename from pg_stat_activity where application_name = any($1)");
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = Services });
        var seen = new List<(string App, string User)>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                seen.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        Assert.Equal(Services.Order(), seen.Select(s => s.App).Distinct().Order());
        Assert.All(seen, s => Assert.Equal("authenticator", s.User));
    }

    [Fact]
    public async Task AuthenticatorIsNeitherSuperuserNorOwnerAndCannotBypassRls()
    {
        Assert.Equal(0, await suite.CountAsync(
            "select count(*) from pg_roles where rolname = 'authenticator' and (rolsuper or rolbypassrls or rolcreaterole or rolcreatedb or rolinherit)"));
        Assert.Equal(1, await suite.CountAsync("select count(*) from pg_roles where rolname = 'authenticator' and rolcanlogin"));
        Assert.Equal(0, await suite.CountAsync(
            "select count(*) from pg_class c join pg_roles r on r.oid = c.relowner where r.rolname = 'authenticator'"));
    }

    [Fact]
    public async Task EveryPublicTableHasForcedRowLevelSecurity()
    {
        Assert.Equal(0, await suite.CountAsync(
            """
            select count(*) from pg_class c join pg_namespace n on n.oid = c.relnamespace
            where n.nspname = 'public' and c.relkind = 'r' and c.relname <> 'schema_migrations'
              and not (c.relrowsecurity and c.relforcerowsecurity)
            """));
    }
}
