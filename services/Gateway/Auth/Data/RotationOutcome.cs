namespace PortfolioTracker.Gateway.Auth.Data;

public enum RotationOutcome
{
    Rotated,
    /// <summary>Unknown, expired, or revoked by a logout.</summary>
    Invalid,
    /// <summary>Already rotated: presumed stolen, so its whole family was revoked.</summary>
    Reused,
}
