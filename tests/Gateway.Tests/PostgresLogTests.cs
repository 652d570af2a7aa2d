namespace PortfolioTracker.Gateway.Tests;

/// <summary>PostgreSQL's own log never echoes row values, such as the email in a duplicate-key error.</summary>
public sealed class PostgresLogTests(GatewayHarness harness) : IClassFixture<GatewayHarness>
{
    [Fact]
    public async Task ADuplicateEmailDoesNotReachThePostgresLog()
    {
        var email = GatewayHarness.NewEmail();
        await harness.ExecuteAsync("insert into auth.users (id, email, password_hash) values (gen_random_uuid(), $1, 'x')", email);

        await Assert.ThrowsAsync<Npgsql.PostgresException>(() =>
            harness.ExecuteAsync("insert into auth.users (id, email, password_hash) values (gen_random_uuid(), $1, 'x')", email));

        var log = await UntilLoggedAsync("duplicate key");
        Assert.DoesNotContain(log, line => line.Contains(email, StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(log, line => line.Contains("DETAIL", StringComparison.Ordinal));
    }

    /// <summary>The log once it holds <paramref name="text"/> (the server writes it asynchronously).</summary>
    private async Task<IReadOnlyList<string>> UntilLoggedAsync(string text)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (true)
        {
            var log = harness.Postgres.LogLines;
            if (log.Any(line => line.Contains(text, StringComparison.Ordinal)) || DateTime.UtcNow > deadline)
            {
                Assert.Contains(log, line => line.Contains(text, StringComparison.Ordinal));
                return log;
            }
            await Task.Delay(50);
        }
    }
}
