using Grpc.Core;
using Microsoft.AspNetCore.Http;
using PortfolioTracker.ServiceDefaults.Data;

namespace PortfolioTracker.Portfolio.Benchmarks;

/// <summary>
/// A server call context for calling a gRPC service class directly: the caller's verified claims
/// where the service's authentication would have put them, so the benchmark times the service's
/// own code (cache, loader, state, engine, mapping) without the HTTP/2 hop.
/// </summary>
internal sealed class BenchCallContext : ServerCallContext
{
    private readonly Dictionary<object, object> _userState = [];

    public BenchCallContext(DbClaims claims)
    {
        var http = new DefaultHttpContext();
        http.Items[typeof(DbClaims)] = claims;
        _userState["__HttpContext"] = http; // where grpc-dotnet's GetHttpContext() looks outside its own server
    }

    protected override IDictionary<object, object> UserStateCore => _userState;
    protected override string MethodCore => "bench";
    protected override string HostCore => "localhost";
    protected override string PeerCore => "bench";
    protected override DateTime DeadlineCore => DateTime.MaxValue;
    protected override Metadata RequestHeadersCore => [];
    protected override CancellationToken CancellationTokenCore => CancellationToken.None;
    protected override Metadata ResponseTrailersCore => [];
    protected override Status StatusCore { get; set; }
    protected override WriteOptions? WriteOptionsCore { get; set; }
    protected override AuthContext AuthContextCore => new(null, []);

    protected override ContextPropagationToken CreatePropagationTokenCore(ContextPropagationOptions? options) =>
        throw new NotSupportedException();

    protected override Task WriteResponseHeadersAsyncCore(Metadata responseHeaders) => Task.CompletedTask;
}
