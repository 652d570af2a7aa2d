using System.Text;

namespace PortfolioTracker.MarketData.Providers.AlphaVantage;

/// <summary>
/// One query without its API key: the key is added only when the URL is built for sending,
/// so the cache key, logs and exceptions cannot carry it.
/// </summary>
public sealed class AlphaVantageRequest(string function, IReadOnlyList<KeyValuePair<string, string>> parameters)
{
    public static AlphaVantageRequest For(string function, params (string Name, string Value)[] parameters) =>
        new(function, [.. parameters.Select(p => KeyValuePair.Create(p.Name, p.Value))]);

    public string Function { get; } = function;

    public IReadOnlyList<KeyValuePair<string, string>> Parameters { get; } = parameters;

    /// <summary>The main subject, for logs: the symbol, or the currency pair.</summary>
    public string Subject => string.Join('/', Parameters
        .Where(p => p.Key is "symbol" or "from_symbol" or "to_symbol")
        .Select(p => p.Value));

    /// <summary><c>alphavantage:FUNCTION?name=value&amp;…</c>; parameters sorted so equal queries share an entry.</summary>
    public string CacheKey => "alphavantage:" + Function + "?" + string.Join('&', Parameters
        .OrderBy(p => p.Key, StringComparer.Ordinal)
        .Select(p => p.Key + "=" + p.Value));

    /// <summary>The relative URL to send. The only place the key is written.</summary>
    public string ToRelativeUrl(string apiKey)
    {
        var url = new StringBuilder("query?function=").Append(Uri.EscapeDataString(Function));
        foreach (var (name, value) in Parameters)
        {
            url.Append('&').Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value));
        }
        return url.Append("&apikey=").Append(Uri.EscapeDataString(apiKey)).ToString();
    }
}
