namespace PortfolioTracker.Portfolio.Domain.Alerts;

/// <summary>
/// A price alert as stored: armed while <see cref="IsActive"/>; once a close crosses the target it
/// is inactive with the time and the close that fired it.
/// </summary>
public sealed record PriceAlert(
    Guid Id,
    string Symbol,
    decimal TargetPrice,
    AlertCondition Condition,
    bool IsActive,
    DateTime CreatedAt,
    DateTime? TriggeredAt,
    decimal? TriggeredPrice);
