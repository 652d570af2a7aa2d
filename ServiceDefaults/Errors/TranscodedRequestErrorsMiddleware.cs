using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Grpc.JsonTranscoding;
using PortfolioTracker.ServiceDefaults.Validation;

namespace PortfolioTracker.ServiceDefaults.Errors;

/// <summary>
/// JSON transcoding answers a request it cannot read (a query value too large for an
/// <c>int32</c>, a body that does not fit the message) with a 400 whose message is the .NET
/// exception's text. Such an answer, given before the handler was reached, is replaced here by a
/// <c>google.rpc.Status</c> naming the fields that do not fit (as the JSON API names them), or a
/// neutral message when no field can be named. Answers the handler gave pass through untouched,
/// streamed ones included.
/// </summary>
public sealed class TranscodedRequestErrorsMiddleware(RequestDelegate next)
{
    private const string GenericMessage = "The request could not be read: check the names, types and ranges of its fields.";

    public async Task InvokeAsync(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<GrpcJsonTranscodingMetadata>() is not { } transcoding)
        {
            await next(context);
            return;
        }

        var hasBody = !string.IsNullOrEmpty(transcoding.HttpRule.Body);
        if (hasBody)
        {
            // Kept so the fields can be checked again once the request turns out unreadable.
            context.Request.EnableBuffering();
        }
        var response = context.Response;
        var original = response.Body;
        var gate = new UnreadableRequestStream(original, () => response.StatusCode == StatusCodes.Status400BadRequest && !HandlerReached.For(context));
        response.Body = gate;
        try
        {
            await next(context);
        }
        finally
        {
            response.Body = original;
        }
        if (gate.Withheld)
        {
            var violations = await FindViolationsAsync(context, transcoding, hasBody);
            await WriteAsync(response, violations.Count > 0
                ? "Invalid request: " + string.Join("; ", violations.Select(v => $"{v.Field}: {v.Description}"))
                : GenericMessage, violations);
        }
    }

    private static async Task<IReadOnlyList<FieldViolation>> FindViolationsAsync(HttpContext context, GrpcJsonTranscodingMetadata transcoding, bool hasBody)
    {
        var input = transcoding.MethodDescriptor.InputType;
        var violations = new List<FieldViolation>(TranscodedFieldCheck.OfValues(input,
            context.Request.RouteValues.Select(value => new KeyValuePair<string, string?>(value.Key, value.Value?.ToString()))
                .Concat(context.Request.Query.SelectMany(query => query.Value.Select(value => new KeyValuePair<string, string?>(query.Key, value))))));
        if (hasBody && context.Request.Body.CanSeek)
        {
            context.Request.Body.Position = 0;
            try
            {
                using var document = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
                violations.AddRange(TranscodedFieldCheck.OfBody(input, transcoding.HttpRule.Body, document.RootElement));
            }
            catch (JsonException)
            {
                // Not JSON at all: nothing to name.
            }
        }
        return violations;
    }

    private static Task WriteAsync(HttpResponse response, string message, IReadOnlyList<FieldViolation> violations)
    {
        var details = new JsonArray();
        if (violations.Count > 0)
        {
            details.Add(new JsonObject
            {
                ["@type"] = "type.googleapis.com/google.rpc.BadRequest",
                ["fieldViolations"] = new JsonArray([.. violations.Select(v => (JsonNode)new JsonObject
                {
                    ["field"] = v.Field,
                    ["description"] = v.Description,
                })]),
            });
        }
        var status = new JsonObject { ["code"] = (int)Google.Rpc.Code.InvalidArgument, ["message"] = message, ["details"] = details };
        response.StatusCode = StatusCodes.Status400BadRequest;
        response.ContentLength = null;
        response.ContentType = "application/json; charset=utf-8";
        return response.WriteAsync(status.ToJsonString());
    }

    /// <summary>
    /// Passes the answer through, unless at its first byte it is a 400 given before the handler
    /// ran: then it is withheld, to be replaced.
    /// </summary>
    private sealed class UnreadableRequestStream(Stream inner, Func<bool> isUnreadableRequestAnswer) : Stream
    {
        private bool? _withheld;

        public bool Withheld => _withheld == true;

        private bool Withholding => _withheld ??= isUnreadableRequestAnswer();

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count)
        {
            if (!Withholding)
            {
                inner.Write(buffer, offset, count);
            }
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
            Withholding ? ValueTask.CompletedTask : inner.WriteAsync(buffer, cancellationToken);

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
            if (!Withholding)
            {
                inner.Flush();
            }
        }

        public override Task FlushAsync(CancellationToken cancellationToken) =>
            Withholding ? Task.CompletedTask : inner.FlushAsync(cancellationToken);

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
