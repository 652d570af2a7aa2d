using PortfolioTracker.Portfolio.Domain.Alerts;
using PortfolioTracker.ServiceDefaults.Messaging;

namespace PortfolioTracker.Portfolio.Alerts;

/// <summary>
/// The open WatchAlerts streams of this replica, by user: a fired alert goes to its owner's
/// streams and to no one else's. Fed by <c>FiredAlertRelay</c>.
/// </summary>
public sealed class FiredAlertHub() : StreamHub<Guid, PriceAlert>(WatchCapacity)
{
    /// <summary>Alerts a slow stream may fall behind by before the oldest are dropped.</summary>
    public const int WatchCapacity = 100;

    /// <summary>Starts receiving the user's fired alerts; dispose to stop.</summary>
    public StreamWatch<PriceAlert> Watch(Guid userId) => Watch([userId]);

    public int Deliver(FiredAlert fired) => Deliver(fired.UserId, fired.Alert);
}
