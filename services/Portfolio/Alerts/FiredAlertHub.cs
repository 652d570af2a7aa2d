using System.Threading.Channels;
using PortfolioTracker.Portfolio.Domain.Alerts;

namespace PortfolioTracker.Portfolio.Alerts;

/// <summary>
/// The open WatchAlerts streams of this replica, by user: a fired alert goes to its owner's
/// streams and to no one else's. In memory, no I/O.
/// </summary>
public sealed class FiredAlertHub
{
    /// <summary>Alerts a slow stream may fall behind by before the oldest are dropped.</summary>
    public const int WatchCapacity = 100;

    private readonly Lock _gate = new();
    private readonly Dictionary<Guid, List<Channel<PriceAlert>>> _watches = [];

    /// <summary>Starts receiving the user's fired alerts; dispose to stop.</summary>
    public AlertWatch Watch(Guid userId)
    {
        var channel = Channel.CreateBounded<PriceAlert>(new BoundedChannelOptions(WatchCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.DropOldest,
        });
        lock (_gate)
        {
            if (!_watches.TryGetValue(userId, out var channels))
            {
                _watches[userId] = channels = [];
            }
            channels.Add(channel);
        }
        return new AlertWatch(channel.Reader, () => Remove(userId, channel));
    }

    /// <summary>Delivers to the owner's open watches; returns how many received it.</summary>
    public int Deliver(FiredAlert fired)
    {
        Channel<PriceAlert>[] targets;
        lock (_gate)
        {
            targets = _watches.TryGetValue(fired.UserId, out var channels) ? [.. channels] : [];
        }
        foreach (var target in targets)
        {
            target.Writer.TryWrite(fired.Alert);
        }
        return targets.Length;
    }

    /// <summary>Users with at least one open watch.</summary>
    public int WatchingUsers
    {
        get
        {
            lock (_gate)
            {
                return _watches.Count;
            }
        }
    }

    private void Remove(Guid userId, Channel<PriceAlert> channel)
    {
        lock (_gate)
        {
            if (_watches.TryGetValue(userId, out var channels) && channels.Remove(channel) && channels.Count == 0)
            {
                _watches.Remove(userId);
            }
        }
        channel.Writer.TryComplete();
    }
}
