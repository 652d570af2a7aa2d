using System.Globalization;
using System.Text.Json;
using PortfolioTracker.ServiceDefaults.Validation;

namespace PortfolioTracker.MarketData.Providers.AlphaVantage;

/// <summary>
/// Reading Alpha Vantage values: every number is a string, missing values are the string
/// <c>"None"</c> (sometimes <c>"-"</c>), and field names carry a numbering prefix that
/// changes between functions ("1. open", "01. symbol"). Failures become BadPayload.
/// </summary>
public static class AlphaVantageJson
{
    private const NumberStyles DecimalStyle = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent;

    /// <summary>The property called <paramref name="name"/>, with or without a "N. " prefix.</summary>
    public static bool TryGetField(JsonElement obj, string name, out JsonElement value)
    {
        if (obj.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in obj.EnumerateObject())
            {
                if (string.Equals(WithoutNumbering(property.Name), name, StringComparison.OrdinalIgnoreCase))
                {
                    value = property.Value;
                    return true;
                }
            }
        }
        value = default;
        return false;
    }

    public static JsonElement RequiredField(JsonElement obj, string name) =>
        TryGetField(obj, name, out var value) ? value : throw Bad($"field '{name}' is missing");

    /// <summary>Text, or null for missing, empty, <c>"None"</c> and <c>"-"</c>.</summary>
    public static string? OptionalText(JsonElement obj, string name)
    {
        if (!TryGetField(obj, name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        var text = value.ValueKind == JsonValueKind.String ? value.GetString()!.Trim() : value.GetRawText();
        // A provider's text is held to the rule a client's is: a NUL would fail the write later.
        if (RequestFields.TextProblem(text) is { } problem)
        {
            throw Bad($"field '{name}' {problem}");
        }
        return text is "" or "None" or "-" ? null : text;
    }

    public static string RequiredText(JsonElement obj, string name) =>
        OptionalText(obj, name) ?? throw Bad($"field '{name}' is empty");

    public static decimal? OptionalDecimal(JsonElement obj, string name) =>
        OptionalText(obj, name) is { } text ? ParseDecimal(text, name) : null;

    public static decimal RequiredDecimal(JsonElement obj, string name) => ParseDecimal(RequiredText(obj, name), name);

    /// <summary>A share count; some payloads write integers with a decimal point ("100.0").</summary>
    public static long RequiredLong(JsonElement obj, string name)
    {
        var value = RequiredDecimal(obj, name);
        return decimal.Truncate(value) == value && value is >= long.MinValue and <= long.MaxValue
            ? (long)value
            : throw Bad($"field '{name}' is not a whole number");
    }

    public static DateOnly? OptionalDate(JsonElement obj, string name) =>
        OptionalText(obj, name) is { } text ? ParseDate(text, name) : null;

    public static DateOnly RequiredDate(JsonElement obj, string name) => ParseDate(RequiredText(obj, name), name);

    public static DateOnly ParseDate(string text, string name) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw Bad($"field '{name}' is not a yyyy-MM-dd date");

    public static decimal ParseDecimal(string text, string name) =>
        decimal.TryParse(text, DecimalStyle, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw Bad($"field '{name}' is not a number");

    public static MarketDataProviderException Bad(string detail) =>
        new(MarketDataProviderErrorKind.BadPayload, "Alpha Vantage payload: " + detail + ".");

    private static string WithoutNumbering(string name)
    {
        var dot = name.IndexOf(". ", StringComparison.Ordinal);
        return dot > 0 && name[..dot].All(char.IsAsciiDigit) ? name[(dot + 2)..] : name;
    }
}
