using System.Globalization;
using System.Text;

namespace PortfolioTracker.Gateway.Auth.Passwords;

/// <summary>
/// What a new password must be (NIST SP 800-63B §5.1.1.2): long enough in characters as a
/// person counts them (Unicode code points, not UTF-16 units), printable, not blank, not the
/// account's own email and not one of the most common passwords. No composition rules.
/// </summary>
public static class PasswordPolicy
{
    public const int MinLength = 8;
    public const int MaxLength = 256;

    /// <summary>The first rule <paramref name="password"/> breaks, as a message; null when it breaks none.</summary>
    public static string? Check(string password, string normalizedEmail)
    {
        if (!TryCountCodePoints(password, out var length))
        {
            return "The password must be valid Unicode text.";
        }
        if (length is < MinLength or > MaxLength)
        {
            return $"The password must be {MinLength} to {MaxLength} characters.";
        }
        if (password.EnumerateRunes().Any(rune => Rune.GetUnicodeCategory(rune) == UnicodeCategory.Control))
        {
            return "The password must not contain control characters.";
        }
        if (password.EnumerateRunes().All(Rune.IsWhiteSpace))
        {
            return "The password must not be only spaces.";
        }
        if (EmailAddress.Normalize(password.Trim()) == normalizedEmail)
        {
            return "The password must not be the email address.";
        }
        if (CommonPasswords.Contains(password))
        {
            return "This password is one of the most common ones; choose another.";
        }
        return null;
    }

    /// <summary>
    /// Code points, so an emoji counts once; false on a lone surrogate, which UTF-8 (and so the
    /// hash) cannot represent faithfully.
    /// </summary>
    public static bool TryCountCodePoints(string text, out int count)
    {
        count = 0;
        var rest = text.AsSpan();
        while (!rest.IsEmpty)
        {
            if (Rune.DecodeFromUtf16(rest, out _, out var consumed) != System.Buffers.OperationStatus.Done)
            {
                return false;
            }
            rest = rest[consumed..];
            count++;
        }
        return true;
    }
}
