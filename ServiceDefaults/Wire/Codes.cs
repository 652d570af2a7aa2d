using System.Text.RegularExpressions;

namespace PortfolioTracker.ServiceDefaults.Wire;

/// <summary>
/// The identifiers every service validates the same way: ticker symbols and ISO 4217
/// currency codes. The database's CHECK constraints say the same (upper case, not blank).
/// </summary>
public static partial class Codes
{
    /// <summary>1-20 upper-case letters, digits or <c>. - ^ = :</c>, starting with a letter or digit (BRK.B, EURUSD=X, NESN.SW; not ^GSPC).</summary>
    public static bool IsSymbol(string text) => SymbolPattern().IsMatch(text);

    /// <summary>Three upper-case letters; lower case is refused rather than fixed, so a typo is seen.</summary>
    public static bool IsCurrency(string text) => CurrencyPattern().IsMatch(text);

    [GeneratedRegex(@"^[A-Z0-9][A-Z0-9.\-^=:]{0,19}$")]
    private static partial Regex SymbolPattern();

    [GeneratedRegex("^[A-Z]{3}$")]
    private static partial Regex CurrencyPattern();
}
