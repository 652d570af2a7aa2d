namespace PortfolioTracker.Gateway.Auth;

public sealed record UserResponse(Guid Id, string Email);
