using System.Reflection;
using Google.Protobuf.Reflection;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;

namespace PortfolioTracker.Gateway.Reflection;

/// <summary>
/// The services' contracts as compiled into the gateway from <c>protos/</c>: every file of the
/// versioned packages the gateway routes (<c>portfolio.v1</c>, <c>marketdata.v1</c>,
/// <c>dividends.v1</c> …). Found by their generated <c>…Reflection</c> classes, so a proto file
/// added to <c>protos/</c> is described without a list to keep in step.
/// </summary>
public static class ServiceContracts
{
    private const string GeneratedNamespace = "PortfolioTracker.Protos.";

    public static IReadOnlyList<FileDescriptor> Files { get; } = FindFiles();

    /// <summary>The services' RPCs, and the gateway's own health and reflection services, as reflection lists them.</summary>
    public static IReadOnlyList<ServiceDescriptor> Services { get; } =
        [.. Files.SelectMany(file => file.Services)
            .Append(Grpc.Health.V1.Health.Descriptor)
            .Append(Grpc.Reflection.V1.ServerReflection.Descriptor)
            .Append(Grpc.Reflection.V1Alpha.ServerReflection.Descriptor)
            .OrderBy(service => service.FullName, StringComparer.Ordinal)];

    private static List<FileDescriptor> FindFiles() =>
        [.. typeof(ServiceContracts).Assembly.GetTypes()
            .Where(type => type.Namespace?.StartsWith(GeneratedNamespace, StringComparison.Ordinal) == true
                && type.Name.EndsWith("Reflection", StringComparison.Ordinal))
            .Select(type => type.GetProperty("Descriptor", BindingFlags.Public | BindingFlags.Static)?.GetValue(null))
            .OfType<FileDescriptor>()
            .OrderBy(file => file.Name, StringComparer.Ordinal)];
}
