namespace PortfolioTracker.Portfolio.Domain.Alerts;

/// <summary>
/// An alert that just fired and whose it is, as it travels on <c>portfolio:alerts:fired</c> to
/// every Portfolio replica; each delivers it to that user's open WatchAlerts streams.
/// </summary>
public sealed record FiredAlert(Guid UserId, PriceAlert Alert)
{
    /// <summary>A message names its user and carries the alert; anything else is refused.</summary>
    public static FiredAlert? Accept(FiredAlert message) =>
        message.Alert is null || message.UserId == Guid.Empty ? null : message;
}
