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
}
