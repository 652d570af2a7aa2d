using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PortfolioTracker.Gateway.Hosting;

namespace PortfolioTracker.Gateway.Tests.Tls;

/// <summary>Plain HTTP is for loopback only: an address another machine could reach stops the start.</summary>
public sealed class PlainHttpBindingTests
{
    [Theory]
    [InlineData("Kestrel:Endpoints:Http:Url", "http://0.0.0.0:8080")]
    [InlineData("Kestrel:Endpoints:Http:Url", "http://[::]:8080")]
    [InlineData("Kestrel:Endpoints:Http:Url", "http://*:8080")]
    [InlineData("Kestrel:Endpoints:Grpc:Url", "http://192.168.1.20:8081")]
    [InlineData("Kestrel:Endpoints:Http:Url", "http://gateway.example.com:80")]
    [InlineData("urls", "http://127.0.0.1:8080;http://+:8090")]
    [InlineData("http_ports", "8080")]
    public void PlainHttpOnAnAddressBeyondLoopbackIsRefused(string key, string value)
    {
        var error = Assert.Throws<OptionsValidationException>(() => Validate(key, value));

        Assert.Contains("loopback", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Kestrel:Endpoints:Http:Url", "http://127.0.0.1:8080")]
    [InlineData("Kestrel:Endpoints:Http:Url", "http://localhost:8080")]
    [InlineData("Kestrel:Endpoints:Http:Url", "http://[::1]:8080")]
    [InlineData("Kestrel:Endpoints:Https:Url", "https://0.0.0.0:8443")]
    [InlineData("urls", "http://127.0.0.2:8080;https://*:8443")]
    public void PlainHttpOnLoopbackAndHttpsAnywhereAreAccepted(string key, string value)
    {
        var options = Validate(key, value);

        Assert.True(options.PlainHttpOnLoopbackOnly());
    }

    private static TransportSecurityOptions Validate(string key, string value)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { [key] = value });
        builder.AddTransportSecurity();
        using var host = builder.Build();
        return host.Services.GetRequiredService<IOptions<TransportSecurityOptions>>().Value;
    }
}
