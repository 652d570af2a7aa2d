using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Grpc.Net.Client;

namespace PortfolioTracker.Gateway.Tests;

/// <summary>A native gRPC call through the gateway without the service's generated client (its request here is empty).</summary>
public static class RawGrpc
{
    private static readonly Marshaller<Empty> EmptyMarshaller =
        Marshallers.Create(message => message.ToByteArray(), Empty.Parser.ParseFrom);

    public static async Task<StatusCode> CallAsync(GrpcChannel channel, string service, string method, string token)
    {
        var call = new Method<Empty, Empty>(MethodType.Unary, service, method, EmptyMarshaller, EmptyMarshaller);
        try
        {
            await channel.CreateCallInvoker().AsyncUnaryCall(call, host: null,
                new CallOptions(new Metadata { { "Authorization", "Bearer " + token } }), new Empty());
            return StatusCode.OK;
        }
        catch (RpcException error)
        {
            return error.StatusCode;
        }
    }
}
