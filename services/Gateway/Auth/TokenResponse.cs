namespace PortfolioTracker.Gateway.Auth;

public sealed record TokenResponse(string AccessToken, string RefreshToken, string TokenType, int ExpiresIn, UserResponse User);
