namespace PortfolioTracker.Gateway.Tests;

/// <summary>
/// The gateway in process over a migrated database (it owns <c>auth.users</c>), signing with a
/// throwaway key. Portfolio and MarketData routes lead to a <see cref="RecordingBackend"/>;
/// Dividends is pointed at a port nobody listens on, as a service that is down.
/// </summary>
public class GatewayHarness : ServiceHarness<Program>
{
    private readonly string _keyDirectory = Directory.CreateTempSubdirectory("pt-gw-key-").FullName;

    /// <summary>The gateway's configured public address, as the services reach it.</summary>
    public const string Authority = "https://gateway.example.test";

    public RecordingBackend Backend { get; private set; } = null!;

    public string SigningKeyPath => Path.Combine(_keyDirectory, "signing-key.pem");

    public override async Task InitializeAsync()
    {
        Backend = await RecordingBackend.StartAsync();
        await base.InitializeAsync();
    }

    protected override IEnumerable<KeyValuePair<string, string?>> Settings()
    {
        var settings = new Dictionary<string, string?>(ServiceAddresses())
        {
            ["Auth:SigningKeyPath"] = SigningKeyPath,
            ["Auth:Authority"] = Authority,
        };
        // Every test of a class comes from one address: budgets beyond reach, except where a
        // rate-limit test sets its own.
        foreach (var group in new[] { "Auth", "SignUp", "Reads", "Writes", "Imports", "Streams" })
        {
            settings[$"RateLimits:{group}:PermitLimit"] = "100000";
        }
        settings["RateLimits:LoginLockout:MaxAttempts"] = "1000";
        return settings;
    }

    /// <summary>Where service discovery sends each service's routes.</summary>
    protected virtual IEnumerable<KeyValuePair<string, string?>> ServiceAddresses()
    {
        var down = $"http://127.0.0.1:{FreePort.Next()}";
        return new Dictionary<string, string?>
        {
            ["services:portfolio:http:0"] = Backend.Address,
            ["services:portfolio:grpc:0"] = Backend.GrpcAddress,
            ["services:marketdata:http:0"] = Backend.Address,
            ["services:marketdata:grpc:0"] = Backend.GrpcAddress,
            ["services:dividends:http:0"] = down,
            ["services:dividends:grpc:0"] = down,
        };
    }

    /// <summary>A fresh address per test: the tests share one database.</summary>
    public static string NewEmail() => $"user-{Guid.NewGuid():N}@example.test";

    public Task<(HttpStatusCode Status, JsonObject Body)> PostAsync(string path, object body) =>
        SendJsonAsync(HttpMethod.Post, path, body, token: null);

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (Backend is not null)
        {
            await Backend.DisposeAsync();
        }
        Directory.Delete(_keyDirectory, recursive: true);
    }
}
