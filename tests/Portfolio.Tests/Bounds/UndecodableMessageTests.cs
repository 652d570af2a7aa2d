using Grpc.Core;
using Npgsql;
using PortfolioTracker.TestSupport;

namespace PortfolioTracker.Portfolio.Tests.Bounds;

/// <summary>
/// A native gRPC request whose bytes are not the method's protobuf message (the real Program over
/// PostgreSQL and Redis): answered with a gRPC status carrying a plain message, never .NET text,
/// and nothing stored.
/// </summary>
public sealed class UndecodableMessageTests(ServiceHarness<Program> harness) : IClassFixture<ServiceHarness<Program>>
{
    private static readonly Marshaller<byte[]> Bytes = Marshallers.Create(bytes => bytes, bytes => bytes);

    public static TheoryData<string, byte[]> Undecodable => new()
    {
        // Field 1 (length-delimited) announcing 127 bytes that never come.
        { "truncated field", [0x0A, 0x7F, 0x41] },
        // A varint that never ends.
        { "endless varint", [0x08, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF] },
        // Wire type 7 does not exist.
        { "unknown wire type", [0x0F, 0x01] },
    };

    [Theory]
    [MemberData(nameof(Undecodable))]
    public async Task AnUndecodableMessageIsAStatusWithAPlainMessageAndStoresNothing(string kind, byte[] bytes)
    {
        var user = await harness.AddUserAsync();
        var method = new Method<byte[], byte[]>(MethodType.Unary, "portfolio.v1.TransactionService", "CreateTransaction", Bytes, Bytes);

        var error = await Assert.ThrowsAsync<RpcException>(() => harness.Grpc.CreateCallInvoker()
            .AsyncUnaryCall(method, host: null, new CallOptions(harness.UserHeaders(user)), bytes).ResponseAsync);

        Assert.True(error.StatusCode == StatusCode.InvalidArgument, $"{kind}: {error.Status}");
        Assert.Contains("TransactionService.CreateTransaction", error.Status.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", error.Status.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("Protobuf", error.Status.Detail, StringComparison.Ordinal);
        await using var command = harness.Superuser.CreateCommand("select count(*) from transactions where user_id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = user });
        Assert.Equal(0L, (long)(await command.ExecuteScalarAsync())!);
    }
}
