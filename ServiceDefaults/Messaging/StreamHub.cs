using System.Threading.Channels;

namespace PortfolioTracker.ServiceDefaults.Messaging;

/// <summary>
/// The open server streams of this replica for one kind of message, by key (a symbol, a user):
/// a message delivered under a key goes to every stream watching that key and to no other.
/// One <see cref="TopicListener{T}"/> per process feeds it, however many streams are open.
/// In memory, no I/O. A slow stream keeps the newest messages and drops the oldest, so one
/// stalled client cannot hold memory or delay the others.
/// </summary>
public class StreamHub<TKey, T>(int watchCapacity) where TKey : notnull
{
    private readonly Lock _gate = new();
    private readonly Dictionary<TKey, List<Channel<T>>> _watches = [];
    private int _openWatches;

    /// <summary>Starts receiving the messages of <paramref name="keys"/>; dispose to stop.</summary>
    public StreamWatch<T> Watch(IEnumerable<TKey> keys)
    {
        var watched = keys.Distinct().ToArray();
        var channel = Channel.CreateBounded<T>(new BoundedChannelOptions(watchCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.DropOldest,
        });
        lock (_gate)
        {
            foreach (var key in watched)
            {
                if (!_watches.TryGetValue(key, out var channels))
                {
                    _watches[key] = channels = [];
                }
                channels.Add(channel);
            }
            _openWatches++;
        }
        return new StreamWatch<T>(channel.Reader, () => Remove(watched, channel));
    }

    /// <summary>Delivers to the streams watching <paramref name="key"/>; returns how many received it.</summary>
    public int Deliver(TKey key, T message)
    {
        Channel<T>[] targets;
        lock (_gate)
        {
            targets = _watches.TryGetValue(key, out var channels) ? [.. channels] : [];
        }
        foreach (var target in targets)
        {
            target.Writer.TryWrite(message);
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
                return _openWatches;
            }
        }
    }

    /// <summary>Keys at least one open stream watches.</summary>
    public int WatchedKeys
    {
        get
        {
            lock (_gate)
            {
                return _watches.Count;
            }
        }
    }

    private void Remove(TKey[] keys, Channel<T> channel)
    {
        lock (_gate)
        {
            foreach (var key in keys)
            {
                if (_watches.TryGetValue(key, out var channels) && channels.Remove(channel) && channels.Count == 0)
                {
                    _watches.Remove(key);
                }
            }
            _openWatches--;
        }
        channel.Writer.TryComplete();
    }
}
