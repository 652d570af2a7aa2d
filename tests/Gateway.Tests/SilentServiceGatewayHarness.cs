namespace PortfolioTracker.Gateway.Tests;

/// <summary>The gateway whose Dividends service accepts connections and never answers (killed behind a proxy).</summary>
public sealed class SilentServiceGatewayHarness : GatewayHarness
{
    public SilentBackend Silent { get; } = new();

    protected override IEnumerable<KeyValuePair<string, string?>> ServiceAddresses() =>
        base.ServiceAddresses()
            .Where(setting => !setting.Key.StartsWith("services:dividends:", StringComparison.Ordinal))
            .Concat(new Dictionary<string, string?>
            {
                ["services:dividends:http:0"] = Silent.Address,
                ["services:dividends:grpc:0"] = Silent.Address,
            });

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Silent.DisposeAsync();
    }
}
