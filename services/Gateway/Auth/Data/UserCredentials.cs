namespace PortfolioTracker.Gateway.Auth.Data;

public sealed record UserCredentials(Guid Id, string Email, string PasswordHash);
