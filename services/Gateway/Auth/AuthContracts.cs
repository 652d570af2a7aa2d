namespace PortfolioTracker.Gateway.Auth;

// Nullable members: a missing field is reported as a field violation, not a binding failure.
public sealed record CredentialsRequest(string? Email, string? Password);

public sealed record RefreshTokenRequest(string? RefreshToken);

public sealed record UserResponse(Guid Id, string Email);

public sealed record TokenResponse(string AccessToken, string RefreshToken, string TokenType, int ExpiresIn, UserResponse User);
