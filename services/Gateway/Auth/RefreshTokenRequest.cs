namespace PortfolioTracker.Gateway.Auth;

public sealed record RefreshTokenRequest(string? RefreshToken);
