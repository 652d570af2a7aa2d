namespace PortfolioTracker.ServiceDefaults.Validation;

/// <summary>
/// One invalid field of a request and why, as <c>google.rpc.BadRequest</c> reports it. Plain data,
/// so pure domain code can report problems without knowing about gRPC.
/// </summary>
public sealed record FieldViolation(string Field, string Description);
