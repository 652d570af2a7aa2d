using System.Globalization;

namespace PortfolioTracker.ServiceDefaults.Wire;

/// <summary>Decimals and dates travel as invariant strings ("150.75"): no exponent, no thousands separators.</summary>
public static class DecimalText
{
    private const NumberStyles Style = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint
        | NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite;

    public static bool TryParse(string? text, out decimal value) =>
        decimal.TryParse(text, Style, CultureInfo.InvariantCulture, out value);

    public static string Format(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Format(decimal? value) => value is { } v ? Format(v) : "";

    /// <summary>
    /// <paramref name="value"/> without the zeros that end its fraction ("1.50" as "1.5", "2.000" as
    /// "2"; a negative zero is written "0" already): what the custom format <c>"0.####…"</c> writes, at about two
    /// thirds of its cost (a performance answer writes some 5,000 of them).
    /// </summary>
    public static string FormatTrimmed(decimal value)
    {
        // 29 digits, a sign and a point at most.
        Span<char> text = stackalloc char[32];
        value.TryFormat(text, out var length, default, CultureInfo.InvariantCulture);
        if (text[..length].Contains('.'))
        {
            length = text[..length].TrimEnd('0').Length;
            if (text[length - 1] == '.') length--;
        }
        return new string(text[..length]);
    }
}
