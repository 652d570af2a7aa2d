using System.Buffers.Binary;
using Microsoft.AspNetCore.Http.Features;

namespace PortfolioTracker.Gateway.Hosting;

/// <summary>
/// Enforces <see cref="RequestLimitOptions"/> before routing hands a request to an endpoint or
/// the proxy. Native gRPC needs its own body check: the proxy lifts the server's body-size
/// limit for gRPC calls (they may stream), so a gRPC message is measured here instead, from
/// its frame header, before anything is forwarded.
/// </summary>
public sealed class RequestLimitsMiddleware(RequestDelegate next, IOptions<RequestLimitOptions> options)
{
    private const int GrpcFrameHeaderBytes = 5;

    private readonly RequestLimitOptions _limits = options.Value;

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        var grpc = GrpcStatusResponse.IsGrpc(request);
        if (TargetLength(context) > _limits.MaxUrlBytes)
        {
            await RejectAsync(context, grpc, StatusCodes.Status414UriTooLong, "The request URL is too long.");
            return;
        }
        if (HeaderLength(request) > _limits.MaxHeaderBytes || HeaderCount(request) > _limits.MaxHeaderCount)
        {
            await RejectAsync(context, grpc, StatusCodes.Status431RequestHeaderFieldsTooLarge, "The request headers are too large.");
            return;
        }
        // A declared length over the limit is refused before a byte is read (Kestrel enforces the
        // same limit on bodies that declare none).
        if (!grpc && request.ContentLength > _limits.MaxBodyBytes)
        {
            await RejectAsync(context, grpc, StatusCodes.Status413PayloadTooLarge, "The request body is too large.");
            return;
        }
        if (grpc && !await TryBufferGrpcBodyAsync(context))
        {
            await GrpcStatusResponse.WriteAsync(context.Response, GrpcStatusResponse.ResourceExhausted,
                $"The request message is larger than the {_limits.MaxBodyBytes} byte limit.");
            return;
        }
        await next(context);
    }

    private static int TargetLength(HttpContext context) =>
        context.Features.Get<IHttpRequestFeature>()?.RawTarget is { Length: > 0 } raw
            ? raw.Length
            : context.Request.PathBase.Value!.Length + context.Request.Path.Value!.Length + context.Request.QueryString.Value!.Length;

    private static long HeaderLength(HttpRequest request)
    {
        long total = 0;
        foreach (var (name, values) in request.Headers)
        {
            total += name.Length;
            foreach (var value in values)
            {
                total += value?.Length ?? 0;
            }
        }
        return total;
    }

    // Each value of a repeated header counts, as Kestrel counts header lines.
    private static int HeaderCount(HttpRequest request) => request.Headers.Sum(header => Math.Max(1, header.Value.Count));

    /// <summary>
    /// Reads the gRPC body (at most the limit) and puts it back for the proxy; false as soon
    /// as a frame header announces, or the bytes show, more than the limit.
    /// </summary>
    private async Task<bool> TryBufferGrpcBodyAsync(HttpContext context)
    {
        var body = context.Request.Body;
        var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk, context.RequestAborted)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > _limits.MaxBodyBytes || AnnouncesTooLarge(buffer))
            {
                return false;
            }
        }
        buffer.Position = 0;
        context.Request.Body = buffer;
        context.Request.ContentLength = null;
        return true;
    }

    // The first frame's header: a compression flag and a big-endian message length.
    private bool AnnouncesTooLarge(MemoryStream buffer) =>
        buffer.Length >= GrpcFrameHeaderBytes
        && GrpcFrameHeaderBytes + (long)BinaryPrimitives.ReadUInt32BigEndian(buffer.GetBuffer().AsSpan(1, 4)) > _limits.MaxBodyBytes;

    private static Task RejectAsync(HttpContext context, bool grpc, int httpStatus, string message) =>
        grpc
            ? GrpcStatusResponse.WriteAsync(context.Response, GrpcStatusResponse.ResourceExhausted, message)
            : RpcStatus.Of(RpcStatus.CodeFor(httpStatus), message).WriteAsync(context.Response, httpStatus);
}
