using Microsoft.Extensions.DependencyInjection;
using PortfolioTracker.MarketData.Application;
using PortfolioTracker.ServiceDefaults.Messaging;

namespace PortfolioTracker.MarketData.Tests.Streams;

/// <summary>The MarketData service in process with tight stream bounds: two streams per caller, three seconds of silence.</summary>
public sealed class StreamHarness : ServiceHarness<Program>
{
    public const int MaxPerUser = 2;
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromSeconds(3);

    public StreamGate Gate => Services.GetRequiredService<StreamGate>();

    public PriceStreamHub Hub => Services.GetRequiredService<PriceStreamHub>();

    protected override IEnumerable<KeyValuePair<string, string?>> Settings() => new Dictionary<string, string?>
    {
        ["Streams:MaxPerUser"] = MaxPerUser.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Streams:IdleTimeout"] = IdleTimeout.ToString(),
    };

    /// <summary>A user's token that expires after <paramref name="lifetime"/>.</summary>
    public string TokenFor(Guid userId, TimeSpan lifetime) => Tokens.Sign(new Dictionary<string, object>
    {
        ["sub"] = userId.ToString(),
        ["role"] = DbClaims.Authenticated,
    }, lifetime);

    /// <summary>Waits until the gate counts <paramref name="count"/> open streams for the user.</summary>
    public async Task UntilOpenAsync(Guid userId, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (Gate.OpenFor(userId.ToString()) != count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"{Gate.OpenFor(userId.ToString())} streams open, expected {count}");
            await Task.Delay(20);
        }
    }
}
