using System.Globalization;
using System.Net.Mail;
using System.Text;
using System.Text.RegularExpressions;
using PortfolioTracker.Gateway.Auth.Passwords;

namespace PortfolioTracker.Gateway.Auth;

/// <summary>
/// One account per address as a person reads it: emails are stored and looked up in Unicode
/// compatibility form (NFKC, so full-width "ｕｓｅｒ＠…" is "user@…"), lower-cased, and sign-up
/// refuses what would only look the same (invisible characters, quoted local parts, a
/// trailing dot in the domain).
/// </summary>
public static partial class EmailAddress
{
    public const int MaxLength = 254;

    /// <summary>
    /// Trimmed, NFKC, lower-cased (as Supabase stores them, so what clients read back is
    /// predictable). Text with a lone surrogate cannot be normalised and is left as it is for
    /// <see cref="Check"/> to refuse.
    /// </summary>
    public static string Normalize(string? email)
    {
        var text = email ?? "";
        if (PasswordPolicy.TryCountCodePoints(text, out _))
        {
            text = text.Normalize(NormalizationForm.FormKC);
        }
        return text.Trim().ToLowerInvariant();
    }

    /// <summary>Why a normalised, present and bounded address cannot sign up; null when it can.</summary>
    public static string? Check(string email)
    {
        if (!PasswordPolicy.TryCountCodePoints(email, out _) || email.EnumerateRunes().Any(IsInvisible))
        {
            return "The email must not contain invisible, formatting or control characters.";
        }
        var at = email.LastIndexOf('@');
        if (email.StartsWith('"') || (at > 0 && email[at - 1] == '"'))
        {
            return "Quoted email addresses are not accepted.";
        }
        if (at < 0 || email[(at + 1)..].Split('.').Any(label => label.Length == 0) || !IsWellFormed(email))
        {
            return "The email is not a valid address.";
        }
        return null;
    }

    // Zero-width spaces, soft hyphens, joiners, bidi marks (Cf), controls (Cc) and code points
    // with no visible meaning (unassigned, private use): each would make a second account that
    // reads exactly like the first.
    private static bool IsInvisible(Rune rune) => Rune.GetUnicodeCategory(rune) is UnicodeCategory.Format
        or UnicodeCategory.Control or UnicodeCategory.OtherNotAssigned or UnicodeCategory.PrivateUse;

    // Both the database's own check (one @, a dot in the domain, no whitespace) and what
    // System.Net.Mail accepts as a bare address, so a valid request never trips the check constraint.
    private static bool IsWellFormed(string email) =>
        DatabaseEmailPattern().IsMatch(email)
        && MailAddress.TryCreate(email, out var address)
        && address.Address == email;

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$", RegexOptions.CultureInvariant)]
    private static partial Regex DatabaseEmailPattern();
}
