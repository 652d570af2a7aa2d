using System.Text.Json;

namespace PortfolioTracker.MarketData.Providers.AlphaVantage;

/// <summary>
/// Alpha Vantage answers errors with HTTP 200 and a top-level <c>Error Message</c>, <c>Note</c>
/// or <c>Information</c> key. Rate limits and premium-only endpoints share the <c>Information</c>
/// key, so the text decides.
/// </summary>
public static class AlphaVantageErrors
{
    // Rate-limit wording first: the 2025 throttle message also mentions "premium endpoints".
    private static readonly string[] PerMinuteWording = ["per minute", "call frequency", "sparingly"];
    private static readonly string[] PerDayWording = ["per day", "daily rate limit"];
    private static readonly string[] RateLimitWording = ["rate limit", "call frequency", "sparingly", "per day", "per minute"];
    private const string PremiumWording = "premium endpoint";

    /// <summary>The error an answer carries, or null for data. <paramref name="apiKey"/> is redacted from the provider's text.</summary>
    public static MarketDataProviderException? Detect(JsonElement root, string function, string apiKey)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return new MarketDataProviderException(MarketDataProviderErrorKind.BadPayload,
                $"Alpha Vantage answered {function} with JSON that is not an object.");
        }
        if (TryGetText(root, "Error Message", out var error))
        {
            return new MarketDataProviderException(MarketDataProviderErrorKind.InvalidSymbol,
                $"Alpha Vantage rejected the {function} call: {Redact(error, apiKey)}");
        }
        if (IsEmpty(root))
        {
            // What unknown symbols get from the fundamentals functions ({}) and GLOBAL_QUOTE ({"Global Quote": {}}).
            return new MarketDataProviderException(MarketDataProviderErrorKind.InvalidSymbol,
                $"Alpha Vantage has no {function} data for this symbol.");
        }
        var hasNote = TryGetText(root, "Note", out var note);
        var hasInformation = TryGetText(root, "Information", out var information);
        if (!hasNote && !hasInformation)
        {
            return null;
        }

        var text = hasNote ? note : information;
        var redacted = Redact(text, apiKey);
        if (ContainsAny(text, RateLimitWording))
        {
            var scope = ScopeOf(text);
            return new MarketDataRateLimitedException(scope,
                scope == RateLimitScope.PerMinute ? TimeSpan.FromMinutes(1) : null,
                $"Alpha Vantage refused {function}: rate limit ({scope}). {redacted}");
        }
        if (text.Contains(PremiumWording, StringComparison.OrdinalIgnoreCase))
        {
            return new MarketDataProviderException(MarketDataProviderErrorKind.PremiumOnly,
                $"Alpha Vantage {function} with these parameters needs a premium plan. {redacted}");
        }
        // A Note/Information we do not recognise: not data, and not worth retrying blindly.
        return new MarketDataProviderException(MarketDataProviderErrorKind.BadPayload,
            $"Alpha Vantage answered {function} with a message instead of data: {redacted}");
    }

    /// <summary>
    /// Which budget a rate-limit message is about. The legacy <c>Note</c> names both ("5 calls per
    /// minute and 500 calls per day") and was the answer to bursts; the 2025 "spreading out"
    /// message is a burst throttle too, though it quotes the daily cap.
    /// </summary>
    public static RateLimitScope ScopeOf(string message) =>
        ContainsAny(message, PerMinuteWording) ? RateLimitScope.PerMinute
        : ContainsAny(message, PerDayWording) ? RateLimitScope.PerDay
        : RateLimitScope.Unknown;

    /// <summary>Provider text may echo the key ("We have detected your API key as …").</summary>
    public static string Redact(string text, string apiKey) =>
        apiKey.Length == 0 ? text : text.Replace(apiKey, "***", StringComparison.OrdinalIgnoreCase);

    private static bool IsEmpty(JsonElement root)
    {
        var properties = root.EnumerateObject().ToList();
        return properties.Count == 0
            || (properties.Count == 1 && properties[0].Value.ValueKind == JsonValueKind.Object && !properties[0].Value.EnumerateObject().Any());
    }

    private static bool TryGetText(JsonElement root, string name, out string text)
    {
        if (root.TryGetProperty(name, out var value))
        {
            text = value.ValueKind == JsonValueKind.String ? value.GetString() ?? "" : value.GetRawText();
            return true;
        }
        text = "";
        return false;
    }

    private static bool ContainsAny(string text, string[] fragments) =>
        fragments.Any(fragment => text.Contains(fragment, StringComparison.OrdinalIgnoreCase));
}
