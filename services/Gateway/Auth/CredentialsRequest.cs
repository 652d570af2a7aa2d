namespace PortfolioTracker.Gateway.Auth;

// Nullable members: a missing field is reported as a field violation, not a binding failure.
public sealed record CredentialsRequest(string? Email, string? Password);
