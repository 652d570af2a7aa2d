namespace PortfolioTracker.Portfolio.Domain.Alerts;

/// <summary>An alert as the client sent it.</summary>
public sealed record AlertInput(string? Symbol, string? TargetPrice, string? Condition);
