using PortfolioTracker.Gateway.Auth.Data;
using PortfolioTracker.Gateway.RateLimiting;

namespace PortfolioTracker.Gateway.Auth;

/// <summary>
/// Sign-up, login, refresh and logout over the stores. Password hashing happens outside any
/// database transaction, so a slow Argon2 run never holds a connection.
/// </summary>
public sealed partial class AuthService(
    UserStore users,
    RefreshTokenStore refreshTokens,
    PasswordHasher passwords,
    TokenIssuer issuer,
    LoginLockout lockout,
    ILogger<AuthService> logger)
{
    /// <summary>Null when the email is already registered.</summary>
    public async Task<TokenResponse?> SignUpAsync(string email, string password, CancellationToken cancellationToken)
    {
        var passwordHash = passwords.Hash(password);
        var refreshToken = TokenIssuer.NewRefreshToken();
        var user = await users.CreateAsync(
            email, passwordHash, TokenIssuer.HashRefreshToken(refreshToken), issuer.RefreshTokenLifetime, cancellationToken);
        if (user is null)
        {
            return null;
        }
        LogSignedUp(user.Id);
        return Respond(user, refreshToken);
    }

    /// <summary>
    /// No tokens for an unknown email or a wrong password, indistinguishably; a lockout when the
    /// email has had too many attempts, decided before the account or the password is looked at,
    /// so it comes alike for registered and unknown emails.
    /// </summary>
    public async Task<LoginResult> LoginAsync(string email, string password, CancellationToken cancellationToken)
    {
        if (await lockout.CountAttemptAsync(email, cancellationToken) is { } lockedFor)
        {
            return LoginResult.LockedOut(lockedFor);
        }
        var user = await users.FindByEmailAsync(email, cancellationToken);
        if (user is null)
        {
            passwords.VerifyAgainstDummy(password);
            return LoginResult.Failed;
        }
        if (!passwords.Verify(password, user.PasswordHash))
        {
            LogLoginFailed(user.Id);
            return LoginResult.Failed;
        }
        await lockout.ClearAsync(email, cancellationToken);

        var refreshToken = TokenIssuer.NewRefreshToken();
        var recorded = await users.RecordSignInAsync(
            user.Id, TokenIssuer.HashRefreshToken(refreshToken), issuer.RefreshTokenLifetime, cancellationToken);
        return recorded ? new LoginResult(Respond(new UserRecord(user.Id, user.Email), refreshToken), null) : LoginResult.Failed;
    }

    /// <summary>
    /// Null when the token is unknown, expired, already used (which revokes its family), or its
    /// sign-in is older than the session lifetime.
    /// </summary>
    public async Task<TokenResponse?> RefreshAsync(string presentedToken, CancellationToken cancellationToken)
    {
        var nextToken = TokenIssuer.NewRefreshToken();
        var result = await refreshTokens.RotateAsync(
            TokenIssuer.HashRefreshToken(presentedToken), TokenIssuer.HashRefreshToken(nextToken),
            issuer.RefreshTokenLifetime, issuer.SessionLifetime, cancellationToken);
        switch (result.Outcome)
        {
            case RotationOutcome.Rotated:
                return Respond(result.User!, nextToken);
            case RotationOutcome.Reused:
                LogRefreshTokenReused(result.User!.Id, result.FamilyId!.Value);
                return null;
            default:
                return null;
        }
    }

    public Task LogoutAsync(string refreshToken, CancellationToken cancellationToken) =>
        refreshTokens.RevokeFamilyOfAsync(TokenIssuer.HashRefreshToken(refreshToken), cancellationToken);

    private TokenResponse Respond(UserRecord user, string refreshToken) => new(
        issuer.IssueAccessToken(user.Id, user.Email),
        refreshToken,
        "bearer",
        (int)issuer.AccessTokenLifetime.TotalSeconds,
        new UserResponse(user.Id, user.Email));

    // Ids only: emails, passwords and tokens stay out of the logs.
    [LoggerMessage(Level = LogLevel.Information, Message = "User {UserId} signed up")]
    private partial void LogSignedUp(Guid userId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Wrong password for user {UserId}")]
    private partial void LogLoginFailed(Guid userId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refresh token reused for user {UserId}; revoked token family {FamilyId}")]
    private partial void LogRefreshTokenReused(Guid userId, Guid familyId);
}
