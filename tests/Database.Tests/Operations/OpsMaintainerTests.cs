using Npgsql;

namespace PortfolioTracker.Database.Tests.Operations;

/// <summary>
/// ops_maintainer (migration 050), what the operations service's maintenance runs as through
/// authenticator: the job journal and three functions, and nothing of the users' data.
/// </summary>
[Collection(DatabaseCollection.Name)]
public class OpsMaintainerTests(DatabaseFixture db)
{
    private const string Maintainer = "ops_maintainer";

    [Fact]
    public async Task OpsMaintainerIsANologinRoleWithoutBypassThatAuthenticatorCanBecome()
    {
        Assert.True(await db.ScalarAsync<bool>(
            "select not rolcanlogin and not rolbypassrls and not rolsuper and pg_has_role('authenticator', oid, 'member') from pg_roles where rolname = 'ops_maintainer'"));
        Assert.Equal(0L, await db.ScalarAsync<long>("select count(*) from pg_class c join pg_roles r on r.oid = c.relowner where r.rolname = 'ops_maintainer'"));
    }

    [Fact]
    public async Task OpsMaintainerCannotReadOrDeleteUsersRowsDirectly()
    {
        var select = await AttemptAsync("select count(*) from public.transactions");
        var delete = await AttemptAsync("delete from public.api_cache");
        var archive = await AttemptAsync("select count(*) from public.audit_log");

        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, select);
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, delete);
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, archive);
    }

    [Fact]
    public async Task OpsMaintainerDeletesOnlyExpiredCacheRowsThroughItsFunction()
    {
        var key = Guid.NewGuid().ToString("N");
        await db.ScalarAsync<int>(
            """
            insert into public.api_cache (cache_key, data, created_at, expires_at) values
              ($1 || '-expired', '{}', now() - interval '2 hours', now() - interval '1 hour'),
              ($1 || '-live', '{}', now() - interval '2 hours', now() + interval '1 hour')
            returning 1
            """, key);

        var deleted = await db.AsAsync(Maintainer, null, async (connection, transaction) =>
        {
            await using var command = new NpgsqlCommand("select ops.delete_expired_rows('api_cache', 1000)", connection, transaction);
            return (long)(await command.ExecuteScalarAsync())!;
        });

        Assert.True(deleted >= 1);
        Assert.Equal(key + "-live", await db.ScalarAsync<string>("select string_agg(cache_key, ',') from public.api_cache where cache_key like $1 || '%'", key));
    }

    [Fact]
    public async Task TheExpiredRowsFunctionRefusesATableOutsideTheCaches()
    {
        Assert.Equal(PostgresErrorCodes.InvalidParameterValue, await AttemptAsync("select ops.delete_expired_rows('transactions', 10)"));
    }

    [Fact]
    public async Task OpsMaintainerArchivesOldAuditRowsWithTheirErasure()
    {
        var user = await db.CreateUserAsync();
        await db.ScalarAsync<int>(
            """
            insert into public.audit_log (user_id, actor_role, action, table_name, record_key, erased_at, created_at)
            values ($1, 'authenticated', 'DELETE', 'users', '{}', now(), now() - interval '400 days')
            returning 1
            """, user);

        await db.AsAsync(Maintainer, null, async (connection, transaction) =>
        {
            await using var command = new NpgsqlCommand("select ops.archive_audit_rows(now() - interval '183 days', 1000)", connection, transaction);
            return await command.ExecuteScalarAsync();
        });

        Assert.Equal(0L, await db.ScalarAsync<long>("select count(*) from public.audit_log where user_id = $1", user));
        Assert.Equal(1L, await db.ScalarAsync<long>("select count(*) from audit.audit_log_archive where user_id = $1 and erased_at is not null", user));
    }

    [Fact]
    public async Task OpsMaintainerAnalyzesThroughItsFunction()
    {
        await db.AsAsync(Maintainer, null, async (connection, transaction) =>
        {
            await using var command = new NpgsqlCommand("select ops.analyze_tables(array['watchlist'])", connection, transaction);
            return await command.ExecuteScalarAsync();
        });

        Assert.True(await db.ScalarAsync<bool>("select last_analyze > now() - interval '1 minute' from pg_stat_user_tables where relname = 'watchlist'"));
    }

    [Theory]
    [InlineData("authenticated")]
    [InlineData("service_role")]
    [InlineData("anon")]
    public async Task ApiRolesCannotCallTheMaintenanceFunctions(string role)
    {
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, await AttemptAsync("select ops.delete_expired_rows('api_cache', 10)", role));
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, await AttemptAsync("select ops.archive_audit_rows(now(), 10)", role));
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, await AttemptAsync("select ops.analyze_tables(null)", role));
    }

    /// <summary>Runs <paramref name="sql"/> as <paramref name="role"/>; the SQLSTATE it failed with, or null.</summary>
    private async Task<string?> AttemptAsync(string sql, string role = Maintainer)
    {
        try
        {
            await db.AsAsync<object?>(role, role == "authenticated" ? await db.CreateUserAsync() : null, async (connection, transaction) =>
            {
                await using var command = new NpgsqlCommand(sql, connection, transaction);
                return await command.ExecuteScalarAsync();
            });
            return null;
        }
        catch (PostgresException e)
        {
            return e.SqlState;
        }
    }
}
