namespace PortfolioTracker.Dividends.Tests;

/// <summary>The Dividends service whose database is down: its connection string names a port nobody listens on.</summary>
public sealed class UnreachableDatabaseHarness : ServiceHarness<Program>
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings() =>
        new Dictionary<string, string?>
        {
            ["ConnectionStrings:portfolio-db"] =
                $"Host=127.0.0.1;Port={FreePort.Next()};Username=authenticator;Password=unused;Database=portfolio;Timeout=1",
        };
}
