using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace PortfolioTracker.Portfolio.Domain.Alerts;

/// <summary>
/// A newly stored latest close as MarketData announces it on <c>marketdata:prices</c>:
/// <c>{"Symbol":"AAPL","Date":"2024-01-02","Close":185.64,"Currency":"USD"}</c>.
/// </summary>
public sealed record PriceClose(string Symbol, DateOnly Date, decimal Close, string Currency)
{
    private static readonly JsonSerializerOptions Options = new() { PropertyNameCaseInsensitive = true };

    /// <summary>Reads one message; anything malformed (or a non-positive close) is refused, not thrown.</summary>
    public static bool TryParse(string? json, [NotNullWhen(true)] out PriceClose? close)
    {
        close = null;
        if (string.IsNullOrWhiteSpace(json))
        {
            return false;
        }
        try
        {
            var parsed = JsonSerializer.Deserialize<PriceClose>(json, Options);
            if (parsed is null || string.IsNullOrWhiteSpace(parsed.Symbol) || parsed.Close <= 0)
            {
                return false;
            }
            close = parsed with { Symbol = parsed.Symbol.Trim().ToUpperInvariant() };
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
