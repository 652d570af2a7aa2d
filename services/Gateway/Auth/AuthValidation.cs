using System.Net.Mail;
using System.Text.RegularExpressions;

namespace PortfolioTracker.Gateway.Auth;

/// <summary>Field checks for the auth requests, each failure named by its JSON field.</summary>
public static partial class AuthValidation
{
    public const int MaxEmailLength = 254;
    public const int MinPasswordLength = 8;
    public const int MaxPasswordLength = 256;

    // Longer than any token we issue (43 characters), short enough to hash without thought.
    private const int MaxRefreshTokenLength = 128;

    /// <summary>Sign-up: the email must be well-formed and the password within the policy.</summary>
    public static List<FieldViolation> ValidateSignUp(CredentialsRequest request, out string email)
    {
        var violations = new List<FieldViolation>();
        email = NormalizeEmail(request.Email);
        if (IsPresentAndBounded(email, violations) && !IsWellFormedEmail(email))
        {
            violations.Add(new("email", "The email is not a valid address."));
        }

        if (string.IsNullOrEmpty(request.Password))
        {
            violations.Add(new("password", "A password is required."));
        }
        else if (request.Password.Length is < MinPasswordLength or > MaxPasswordLength)
        {
            violations.Add(new("password", $"The password must be {MinPasswordLength} to {MaxPasswordLength} characters."));
        }
        return violations;
    }

    /// <summary>
    /// Login checks only presence and size: a password outside today's policy is simply wrong
    /// (401), and the bounds keep an oversized input from reaching the hash function.
    /// </summary>
    public static List<FieldViolation> ValidateLogin(CredentialsRequest request, out string email)
    {
        var violations = new List<FieldViolation>();
        email = NormalizeEmail(request.Email);
        IsPresentAndBounded(email, violations);

        if (string.IsNullOrEmpty(request.Password))
        {
            violations.Add(new("password", "A password is required."));
        }
        else if (request.Password.Length > MaxPasswordLength)
        {
            violations.Add(new("password", $"The password must be at most {MaxPasswordLength} characters."));
        }
        return violations;
    }

    /// <summary>Names a missing or oversized email; true when it is neither.</summary>
    private static bool IsPresentAndBounded(string email, List<FieldViolation> violations)
    {
        if (email.Length == 0)
        {
            violations.Add(new("email", "An email is required."));
            return false;
        }
        if (email.Length > MaxEmailLength)
        {
            violations.Add(new("email", $"The email must be at most {MaxEmailLength} characters."));
            return false;
        }
        return true;
    }

    public static List<FieldViolation> ValidateRefreshToken(RefreshTokenRequest request)
    {
        var violations = new List<FieldViolation>();
        if (string.IsNullOrWhiteSpace(request.RefreshToken))
        {
            violations.Add(new("refreshToken", "A refresh token is required."));
        }
        else if (request.RefreshToken.Length > MaxRefreshTokenLength)
        {
            violations.Add(new("refreshToken", "The refresh token is malformed."));
        }
        return violations;
    }

    // Emails are compared case-insensitively anyway (unique on lower(email)); storing them
    // lower-cased, as Supabase does, keeps what clients read back predictable.
    private static string NormalizeEmail(string? email) => (email ?? "").Trim().ToLowerInvariant();

    // Both the database's own check (one @, a dot in the domain, no whitespace) and what
    // System.Net.Mail accepts as a bare address, so a valid request never trips the check constraint.
    private static bool IsWellFormedEmail(string email) =>
        DatabaseEmailPattern().IsMatch(email)
        && MailAddress.TryCreate(email, out var address)
        && address.Address == email;

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$", RegexOptions.CultureInvariant)]
    private static partial Regex DatabaseEmailPattern();
}
