using System.Net;

namespace PortfolioTracker.Gateway.Hosting;

/// <summary>
/// The <c>TransportSecurity</c> section, and the check that plain HTTP is served on loopback only:
/// every <c>http://</c> address Kestrel is told to bind (its <c>Kestrel:Endpoints</c>, else
/// <c>urls</c> / <c>http_ports</c>) must be 127.0.0.0/8, ::1 or localhost, or the gateway does not
/// start. Anything reachable from another machine is served over HTTPS.
/// </summary>
public sealed class TransportSecurityOptions
{
    public const string Section = "TransportSecurity";

    /// <summary>How long browsers keep to HTTPS once told (<c>Strict-Transport-Security: max-age</c>): a year.</summary>
    public TimeSpan HstsMaxAge { get; set; } = TimeSpan.FromDays(365);

    /// <summary>The plain-HTTP addresses Kestrel will bind, read from configuration (not bound from the section).</summary>
    public IReadOnlyList<string> PlainHttpAddresses { get; set; } = [];

    public bool PlainHttpOnLoopbackOnly() => PlainHttpAddresses.All(IsLoopback);

    public string PublicPlainHttpAddresses() => string.Join(", ", PlainHttpAddresses.Where(address => !IsLoopback(address)));

    /// <summary>The plain-HTTP addresses the server's configuration names, as Kestrel chooses among them.</summary>
    public static IReadOnlyList<string> PlainHttpAddressesIn(IConfiguration configuration)
    {
        var endpoints = configuration.GetSection("Kestrel:Endpoints").GetChildren().ToList();
        IEnumerable<string> addresses = endpoints.Count > 0
            ? endpoints.Select(endpoint => endpoint["Url"] ?? "")
            : (configuration["urls"] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Concat((configuration["http_ports"] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    .Select(port => $"http://*:{port}"));
        return [.. addresses.Where(address => address.StartsWith("http://", StringComparison.OrdinalIgnoreCase))];
    }

    private static bool IsLoopback(string address)
    {
        var authority = address["http://".Length..].Split('/')[0];
        var host = authority.StartsWith('[') ? authority[1..authority.IndexOf(']')] : authority.Split(':')[0];
        return string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip));
    }
}
