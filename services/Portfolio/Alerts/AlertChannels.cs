using PortfolioTracker.Portfolio.Domain.Alerts;
using PortfolioTracker.ServiceDefaults.Messaging;

namespace PortfolioTracker.Portfolio.Alerts;

/// <summary>The Redis topic fired alerts travel on (new prices come on <see cref="PriceAnnouncement.Topic"/>).</summary>
public static class AlertChannels
{
    /// <summary>Alerts that just fired, one message each, for every Portfolio replica's open streams.</summary>
    public static readonly RedisTopic<FiredAlert> Fired = new("portfolio:alerts:fired", FiredAlert.Accept);
}
