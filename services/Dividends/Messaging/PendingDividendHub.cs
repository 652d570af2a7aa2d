using PortfolioTracker.ServiceDefaults.Messaging;

namespace PortfolioTracker.Dividends.Messaging;

/// <summary>
/// The open WatchDividends streams of this replica, by user: a new pending dividend goes to its
/// owner's streams and to no one else's. Fed by <c>PendingDividendRelay</c>.
/// </summary>
public sealed class PendingDividendHub() : StreamHub<Guid, NewPendingDividend>(WatchCapacity)
{
    /// <summary>Dividends a slow stream may fall behind by before the oldest are dropped.</summary>
    public const int WatchCapacity = 1000;

    public StreamWatch<NewPendingDividend> Watch(Guid userId) => Watch([userId]);

    public void Deliver(PendingDividendsAppeared appeared)
    {
        foreach (var dividend in appeared.Dividends)
        {
            Deliver(appeared.UserId, dividend);
        }
    }
}
