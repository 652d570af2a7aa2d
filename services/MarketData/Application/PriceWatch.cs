using System.Threading.Channels;
using PortfolioTracker.ServiceDefaults.Messaging;

namespace PortfolioTracker.MarketData.Application;

/// <summary>One open price stream: the closes of its symbols as they are announced, until disposed.</summary>
public sealed class PriceWatch(ChannelReader<PriceAnnouncement> closes, Action stop) : IDisposable
{
    private int _disposed;

    public ChannelReader<PriceAnnouncement> Closes { get; } = closes;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            stop();
        }
    }
}
