using System.Threading.Channels;
using PortfolioTracker.ServiceDefaults.Messaging;

namespace PortfolioTracker.MarketData.Application;

/// <summary>
/// The open price streams of this replica: an announced close goes to every stream watching
/// its symbol. One Redis subscription per process feeds it (<c>PriceAnnouncementListener</c>),
/// however many streams are open. In memory, no I/O.
/// </summary>
public sealed class PriceStreamHub
{
    /// <summary>Closes a slow stream may fall behind by before the oldest are dropped.</summary>
    public const int WatchCapacity = 1000;

    private readonly Lock _gate = new();
    private readonly List<(IReadOnlySet<string> Symbols, Channel<PriceAnnouncement> Channel)> _watches = [];

    /// <summary>Starts receiving the closes of <paramref name="symbols"/>; dispose to stop.</summary>
    public PriceWatch Watch(IReadOnlySet<string> symbols)
    {
        var channel = Channel.CreateBounded<PriceAnnouncement>(new BoundedChannelOptions(WatchCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.DropOldest,
        });
        var watch = (symbols, channel);
        lock (_gate)
        {
            _watches.Add(watch);
        }
        return new PriceWatch(channel.Reader, () => Remove(watch));
    }

    /// <summary>Delivers to the streams watching the symbol; returns how many received it.</summary>
    public int Deliver(PriceAnnouncement close)
    {
        Channel<PriceAnnouncement>[] targets;
        lock (_gate)
        {
            targets = [.. _watches.Where(w => w.Symbols.Contains(close.Symbol)).Select(w => w.Channel)];
        }
        foreach (var target in targets)
        {
            target.Writer.TryWrite(close);
        }
        return targets.Length;
    }

    /// <summary>Streams open on this replica.</summary>
    public int OpenWatches
    {
        get
        {
            lock (_gate)
            {
                return _watches.Count;
            }
        }
    }

    private void Remove((IReadOnlySet<string> Symbols, Channel<PriceAnnouncement> Channel) watch)
    {
        lock (_gate)
        {
            _watches.Remove(watch);
        }
        watch.Channel.Writer.TryComplete();
    }
}
