namespace PortfolioTracker.Gateway.Auth;

/// <summary>A login's outcome: tokens, nothing (wrong credentials), or how long the account stays locked.</summary>
public sealed record LoginResult(TokenResponse? Tokens, TimeSpan? LockedFor)
{
    public static LoginResult Failed { get; } = new(null, null);

    public static LoginResult LockedOut(TimeSpan lockedFor) => new(null, lockedFor);
}
