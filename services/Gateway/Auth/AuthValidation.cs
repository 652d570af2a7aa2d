using PortfolioTracker.Gateway.Auth.Passwords;

namespace PortfolioTracker.Gateway.Auth;

/// <summary>Field checks for the auth requests, each failure named by its JSON field.</summary>
public static class AuthValidation
{
    // Longer than any token we issue (43 characters), short enough to hash without thought.
    private const int MaxRefreshTokenLength = 128;

    /// <summary>Sign-up: the email must be a plain address and the password within the policy.</summary>
    public static List<FieldViolation> ValidateSignUp(CredentialsRequest request, out string email)
    {
        var violations = new List<FieldViolation>();
        email = EmailAddress.Normalize(request.Email);
        if (IsPresentAndBounded(email, violations) && EmailAddress.Check(email) is { } emailProblem)
        {
            violations.Add(new("email", emailProblem));
        }

        if (string.IsNullOrEmpty(request.Password))
        {
            violations.Add(new("password", "A password is required."));
        }
        else if (PasswordPolicy.Check(request.Password, email) is { } passwordProblem)
        {
            violations.Add(new("password", passwordProblem));
        }
        return violations;
    }

    /// <summary>
    /// Login checks only presence and size: a password outside today's policy is simply wrong
    /// (401), and the bound keeps an oversized input from reaching the hash function. The
    /// bound counts code points as sign-up does, so every password sign-up took fits.
    /// </summary>
    public static List<FieldViolation> ValidateLogin(CredentialsRequest request, out string email)
    {
        var violations = new List<FieldViolation>();
        email = EmailAddress.Normalize(request.Email);
        IsPresentAndBounded(email, violations);

        if (string.IsNullOrEmpty(request.Password))
        {
            violations.Add(new("password", "A password is required."));
        }
        else if (request.Password.Length > 2 * PasswordPolicy.MaxLength
            || (PasswordPolicy.TryCountCodePoints(request.Password, out var length) && length > PasswordPolicy.MaxLength))
        {
            violations.Add(new("password", $"The password must be at most {PasswordPolicy.MaxLength} characters."));
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
        if (email.Length > EmailAddress.MaxLength)
        {
            violations.Add(new("email", $"The email must be at most {EmailAddress.MaxLength} characters."));
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
}
