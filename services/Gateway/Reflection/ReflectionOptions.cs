namespace PortfolioTracker.Gateway.Reflection;

/// <summary>
/// gRPC server reflection on the gateway. On by default so grpcurl and buf curl work without the
/// proto files; switch it off (<c>Reflection:Enabled=false</c>) where the contract should not be
/// advertised. The <c>grpc.health.v1</c> service stays on either way.
/// </summary>
public sealed class ReflectionOptions
{
    public const string Section = "Reflection";

    public bool Enabled { get; set; } = true;
}
