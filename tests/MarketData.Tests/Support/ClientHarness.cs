using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PortfolioTracker.MarketData.Providers.AlphaVantage;

namespace PortfolioTracker.MarketData.Tests.Support;

/// <summary>
/// The provider as the service builds it (real service defaults, then
/// <c>AddAlphaVantageProvider</c>), pointed at a <see cref="FakeAlphaVantageServer"/>, with a
/// manual clock, an in-memory state store and every log line captured.
/// </summary>
public sealed class ClientHarness : IAsyncDisposable
{
    public const string ApiKey = "TESTKEY0123456789SECRET";

    private readonly IHost _host;
    private readonly bool _ownsServer;

    private ClientHarness(IHost host, FakeAlphaVantageServer server, bool ownsServer, ManualClock clock, InMemoryProviderStateStore store, CapturedLogs logs)
    {
        _host = host;
        _ownsServer = ownsServer;
        Server = server;
        Clock = clock;
        Store = store;
        Logs = logs;
    }

    public FakeAlphaVantageServer Server { get; }

    public ManualClock Clock { get; }

    public InMemoryProviderStateStore Store { get; }

    public CapturedLogs Logs { get; }

    /// <summary>A fresh typed client, as a request scope would get it; the gate behind it is shared.</summary>
    public IMarketDataProvider Provider => _host.Services.GetRequiredService<IMarketDataProvider>();

    /// <summary>
    /// Test defaults: generous budgets, 10 ms retry delays, a 5 s attempt timeout; override any
    /// <c>MarketData:AlphaVantage</c> key through <paramref name="settings"/> ("CallsPerDay" = "3").
    /// Pass <paramref name="store"/>, <paramref name="clock"/> and <paramref name="server"/> of an
    /// earlier harness to simulate a restart (the server then stays with the earlier harness).
    /// </summary>
    public static async Task<ClientHarness> StartAsync(
        Dictionary<string, string>? settings = null,
        InMemoryProviderStateStore? store = null,
        ManualClock? clock = null,
        FakeAlphaVantageServer? server = null)
    {
        var ownsServer = server is null;
        server ??= await FakeAlphaVantageServer.StartAsync();
        store ??= new InMemoryProviderStateStore();
        clock ??= new ManualClock();
        var logs = new CapturedLogs();

        var configuration = new Dictionary<string, string?>
        {
            ["BaseUrl"] = server.BaseUrl.ToString(),
            ["ApiKey"] = ApiKey,
            ["CallsPerMinute"] = "1000",
            ["CallsPerDay"] = "1000",
            ["RetryBaseDelay"] = "00:00:00.010",
            ["AttemptTimeout"] = "00:00:05",
        };
        foreach (var (key, value) in settings ?? [])
        {
            configuration[key] = value;
        }

        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(configuration.Select(setting =>
            KeyValuePair.Create(AlphaVantageOptions.SectionName + ":" + setting.Key, setting.Value)));
        builder.Logging.AddProvider(logs).SetMinimumLevel(LogLevel.Trace);
        // The real defaults, whose standard resilience handler the provider must opt out of.
        builder.AddServiceDefaults();
        builder.Services.AddSingleton<TimeProvider>(clock);
        builder.Services.AddSingleton<IProviderStateStore>(store);
        builder.AddAlphaVantageProvider();

        return new ClientHarness(builder.Build(), server, ownsServer, clock, store, logs);
    }

    public static Dictionary<string, string> Settings(params (string Key, object Value)[] settings) =>
        settings.ToDictionary(setting => setting.Key, setting => Convert.ToString(setting.Value, CultureInfo.InvariantCulture)!);

    public async ValueTask DisposeAsync()
    {
        _host.Dispose();
        if (_ownsServer)
        {
            await Server.DisposeAsync();
        }
    }
}
