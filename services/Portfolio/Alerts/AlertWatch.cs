using System.Threading.Channels;
using PortfolioTracker.Portfolio.Domain.Alerts;

namespace PortfolioTracker.Portfolio.Alerts;

/// <summary>One open watch: its alerts as they fire, until disposed.</summary>
public sealed class AlertWatch(ChannelReader<PriceAlert> alerts, Action stop) : IDisposable
{
    private int _disposed;

    public ChannelReader<PriceAlert> Alerts { get; } = alerts;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            stop();
        }
    }
}
