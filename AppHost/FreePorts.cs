using System.Net;
using System.Net.Sockets;

namespace PortfolioTracker.AppHost;

/// <summary>Loopback ports nothing listens on now, chosen by the operating system.</summary>
internal static class FreePorts
{
    private static readonly HashSet<int> Given = [];

    public static int Next()
    {
        lock (Given)
        {
            while (true)
            {
                using var listener = new TcpListener(IPAddress.Loopback, 0);
                listener.Start();
                var port = ((IPEndPoint)listener.LocalEndpoint).Port;
                // The listener closes before the service binds: never hand out one port twice.
                if (Given.Add(port))
                {
                    return port;
                }
            }
        }
    }
}
