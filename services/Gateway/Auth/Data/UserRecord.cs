namespace PortfolioTracker.Gateway.Auth.Data;

public sealed record UserRecord(Guid Id, string Email);
