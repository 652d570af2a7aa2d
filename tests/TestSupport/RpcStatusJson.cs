using System.Text.Json.Nodes;

namespace PortfolioTracker.TestSupport;

/// <summary>Reads a <c>google.rpc.Status</c> error body as the JSON API writes it.</summary>
public static class RpcStatusJson
{
    /// <summary>The fields named by its <c>google.rpc.BadRequest</c> details, in order.</summary>
    public static IReadOnlyList<string> ViolatedFields(JsonObject body) =>
        body["details"]!.AsArray()
            .Where(d => d!["@type"]!.GetValue<string>().EndsWith("google.rpc.BadRequest", StringComparison.Ordinal))
            .SelectMany(d => d!["fieldViolations"]!.AsArray())
            .Select(v => v!["field"]!.GetValue<string>())
            .ToList();

    /// <summary>The body is a status: a numeric code, a message and a details array, nothing else.</summary>
    public static bool IsStatus(JsonObject body, int code) =>
        body["code"]?.GetValue<int>() == code
        && body["message"]?.GetValue<string>() is { Length: > 0 }
        && body["details"] is JsonArray
        && body.Count == 3;
}
