namespace PortfolioTracker.Database.Tests;

/// <summary>The claims are transaction-local: they never leak to the next user of a pooled connection.</summary>
[Collection(DatabaseCollection.Name)]
public class RlsSessionTests(DatabaseFixture db)
{
    [Fact]
    public async Task AuthFunctionsReadTheClaimsOfTheCurrentTransactionOnly()
    {
        var user = await db.CreateUserAsync();

        var inside = await db.AsAsync("authenticated", user, async (connection, transaction) =>
        {
            await using var command = new Npgsql.NpgsqlCommand("select auth.uid(), auth.role(), current_user", connection, transaction);
            await using var reader = await command.ExecuteReaderAsync();
            await reader.ReadAsync();
            return (reader.GetGuid(0), reader.GetString(1), reader.GetString(2));
        });

        Assert.Equal((user, "authenticated", "authenticated"), inside);

        await using var connection = await db.Authenticator.OpenConnectionAsync();
        await using var after = new Npgsql.NpgsqlCommand(
            "select coalesce(current_setting('request.jwt.claims', true), ''), current_user", connection);
        await using var reader = await after.ExecuteReaderAsync();
        await reader.ReadAsync();
        Assert.Equal("", reader.GetString(0));
        Assert.Equal("authenticator", reader.GetString(1));
    }

    [Fact]
    public async Task AuthenticatorCannotSwitchToTheSuperuser()
    {
        await using var connection = await db.Authenticator.OpenConnectionAsync();
        await using var command = new Npgsql.NpgsqlCommand("select set_config('role', 'postgres', true)", connection);

        var error = await Assert.ThrowsAsync<Npgsql.PostgresException>(() => command.ExecuteNonQueryAsync());

        Assert.Equal("42501", error.SqlState);
    }
}
