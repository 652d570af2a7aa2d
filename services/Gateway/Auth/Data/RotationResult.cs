namespace PortfolioTracker.Gateway.Auth.Data;

public sealed record RotationResult(RotationOutcome Outcome, UserRecord? User, Guid? FamilyId);
