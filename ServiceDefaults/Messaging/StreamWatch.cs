using System.Threading.Channels;

namespace PortfolioTracker.ServiceDefaults.Messaging;

/// <summary>One open server stream's inbox: its messages as they are delivered, until disposed.</summary>
public sealed class StreamWatch<T>(ChannelReader<T> messages, Action stop) : IDisposable
{
    private int _disposed;

    public ChannelReader<T> Messages { get; } = messages;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            stop();
        }
    }
}
