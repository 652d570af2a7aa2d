using System.Text.Json.Serialization;

namespace PortfolioTracker.Gateway.Errors;

/// <summary><c>google.rpc.RetryInfo</c> as an <c>Any</c>: how long to wait, as a proto3 JSON duration (<c>"30s"</c>).</summary>
public sealed record RetryInfoDetail(string RetryDelay)
{
    [JsonPropertyName("@type")]
    [JsonPropertyOrder(-1)]
    public string Type => "type.googleapis.com/google.rpc.RetryInfo";
}
