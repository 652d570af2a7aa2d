using Google.Protobuf.Reflection;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Reflection.V1;

namespace PortfolioTracker.Gateway.Tests.Reflection;

/// <summary>What grpcurl and buf curl ask the gateway's native gRPC port before calling anything.</summary>
public sealed class ReflectionTests(GatewayHarness harness) : IClassFixture<GatewayHarness>
{
    [Fact]
    public async Task ReflectionListsTheServicesOfEveryBackend()
    {
        var response = await ReflectionCalls.AskAsync(harness.Grpc, new ServerReflectionRequest { ListServices = "" });

        var names = response.ListServicesResponse.Service.Select(service => service.Name).ToList();
        Assert.Contains("portfolio.v1.TransactionService", names);
        Assert.Contains("portfolio.v1.MetricsService", names);
        Assert.Contains("marketdata.v1.PriceService", names);
        Assert.Contains("dividends.v1.DividendService", names);
        Assert.Contains("grpc.health.v1.Health", names);
    }

    [Fact]
    public async Task AMethodResolvesToItsFileWithTheRequestAndResponseTypes()
    {
        var response = await ReflectionCalls.AskAsync(harness.Grpc,
            new ServerReflectionRequest { FileContainingSymbol = "portfolio.v1.TransactionService.CreateTransaction" });

        var files = response.FileDescriptorResponse.FileDescriptorProto
            .Select(bytes => FileDescriptorProto.Parser.ParseFrom(bytes)).ToList();
        var method = files.SelectMany(file => file.Service)
            .Single(service => service.Name == "TransactionService")
            .Method.Single(candidate => candidate.Name == "CreateTransaction");
        Assert.Equal(".portfolio.v1.CreateTransactionRequest", method.InputType);
        Assert.Equal(".portfolio.v1.Transaction", method.OutputType);
    }

    [Fact]
    public async Task EveryImportOfAServicesFileResolvesByName()
    {
        var response = await ReflectionCalls.AskAsync(harness.Grpc,
            new ServerReflectionRequest { FileContainingSymbol = "portfolio.v1.MetricsService" });
        var file = response.FileDescriptorResponse.FileDescriptorProto
            .Select(bytes => FileDescriptorProto.Parser.ParseFrom(bytes))
            .Single(candidate => candidate.Name == "portfolio/v1/metrics.proto");

        // grpcurl asks for each import it does not have yet (google/api/annotations.proto …).
        Assert.Contains("google/api/annotations.proto", file.Dependency);
        foreach (var dependency in file.Dependency)
        {
            var imported = await ReflectionCalls.AskAsync(harness.Grpc, new ServerReflectionRequest { FileByFilename = dependency });
            Assert.True(imported.FileDescriptorResponse is not null, $"{dependency}: {imported.ErrorResponse}");
            Assert.Contains(imported.FileDescriptorResponse.FileDescriptorProto,
                bytes => FileDescriptorProto.Parser.ParseFrom(bytes).Name == dependency);
        }
    }

    [Fact]
    public async Task AnUnknownSymbolIsANotFoundAnswerNotABrokenStream()
    {
        var response = await ReflectionCalls.AskAsync(harness.Grpc,
            new ServerReflectionRequest { FileContainingSymbol = "portfolio.v1.NoSuchService" });

        Assert.Equal((int)StatusCode.NotFound, response.ErrorResponse.ErrorCode);
    }

    [Fact]
    public async Task TheHealthServiceAnswersServingWithoutAToken()
    {
        var health = new Health.HealthClient(harness.Grpc);

        var response = await health.CheckAsync(new HealthCheckRequest());

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, response.Status);
    }
}

/// <summary>With <c>Reflection:Enabled=false</c>, as in production where the contract is not advertised.</summary>
public sealed class ReflectionOffTests(ReflectionOffTests.Harness harness) : IClassFixture<ReflectionOffTests.Harness>
{
    public sealed class Harness : GatewayHarness
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings() =>
            base.Settings().Append(new("Reflection:Enabled", "false"));
    }

    [Fact]
    public async Task ReflectionSwitchedOffAnswersUnimplemented()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            ReflectionCalls.AskAsync(harness.Grpc, new ServerReflectionRequest { ListServices = "" }));

        Assert.Equal(StatusCode.Unimplemented, error.StatusCode);
    }

    [Fact]
    public async Task HealthStaysOnWhenReflectionIsOff()
    {
        var response = await new Health.HealthClient(harness.Grpc).CheckAsync(new HealthCheckRequest());

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, response.Status);
    }
}

internal static class ReflectionCalls
{
    /// <summary>One request on the reflection stream, as grpcurl sends it, and its one answer.</summary>
    public static async Task<ServerReflectionResponse> AskAsync(Grpc.Net.Client.GrpcChannel channel, ServerReflectionRequest request)
    {
        using var call = new ServerReflection.ServerReflectionClient(channel).ServerReflectionInfo();
        await call.RequestStream.WriteAsync(request);
        await call.RequestStream.CompleteAsync();
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        return call.ResponseStream.Current;
    }
}
