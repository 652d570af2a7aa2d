using PortfolioTracker.ServiceDefaults.Messaging;

namespace PortfolioTracker.MarketData.Application;

/// <summary>
/// The open price streams of this replica, by symbol: an announced close goes to every stream
/// watching its symbol. Fed by <c>PriceAnnouncementListener</c>.
/// </summary>
public sealed class PriceStreamHub() : StreamHub<string, PriceAnnouncement>(WatchCapacity)
{
    /// <summary>Closes a slow stream may fall behind by before the oldest are dropped.</summary>
    public const int WatchCapacity = 1000;

    public int Deliver(PriceAnnouncement close) => Deliver(close.Symbol, close);
}
