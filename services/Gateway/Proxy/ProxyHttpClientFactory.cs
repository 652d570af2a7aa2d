using Yarp.ReverseProxy.Forwarder;

namespace PortfolioTracker.Gateway.Proxy;

/// <summary>YARP's client, with a connect timeout of seconds rather than its default.</summary>
public sealed class ProxyHttpClientFactory(IOptions<ProxyTimeoutOptions> options) : ForwarderHttpClientFactory
{
    protected override void ConfigureHandler(ForwarderHttpClientContext context, SocketsHttpHandler handler)
    {
        base.ConfigureHandler(context, handler);
        handler.ConnectTimeout = options.Value.Connect;
    }
}
