using System.ComponentModel.DataAnnotations;

namespace PortfolioTracker.Gateway.Hosting;

/// <summary>
/// The <c>RequestLimits</c> section: how large a request may be, the same on the HTTP/JSON and
/// the native gRPC port. Each limit answers a <c>google.rpc.Status</c> (JSON) or a gRPC status
/// (native gRPC) when exceeded.
/// </summary>
public sealed class RequestLimitOptions
{
    public const string Section = "RequestLimits";

    /// <summary>A JSON body, or one gRPC message with its 5-byte frame header: 1 MiB.</summary>
    [Range(1024, 64 * 1024 * 1024)]
    public int MaxBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>The request target (path and query): 8 KiB, beyond which 414.</summary>
    [Range(1024, 1024 * 1024)]
    public int MaxUrlBytes { get; set; } = 8 * 1024;

    /// <summary>All header names and values together: 32 KiB, beyond which 431.</summary>
    [Range(1024, 1024 * 1024)]
    public int MaxHeaderBytes { get; set; } = 32 * 1024;

    /// <summary>How many header fields a request may carry: 100, beyond which 431.</summary>
    [Range(10, 1000)]
    public int MaxHeaderCount { get; set; } = 100;

    /// <summary>
    /// Kestrel answers its own line and header limits before any middleware runs, with an
    /// empty body; so its limits sit above ours (at the body limit) and ours answer first.
    /// Only a request past these backstops (a request line or headers over 1 MiB) gets
    /// Kestrel's bare answer.
    /// </summary>
    public int ServerBackstopBytes => Math.Max(MaxBodyBytes, Math.Max(MaxUrlBytes, MaxHeaderBytes) * 2);

    /// <summary>Kestrel's header count limit, above ours for the same reason.</summary>
    public int ServerBackstopHeaderCount => MaxHeaderCount * 10;
}
