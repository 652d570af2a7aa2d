using System.Text.Json.Serialization;

namespace PortfolioTracker.Gateway.Errors;

/// <summary><c>google.rpc.BadRequest</c> as an <c>Any</c>: one entry per invalid field.</summary>
public sealed record BadRequestDetail(IReadOnlyList<FieldViolation> FieldViolations)
{
    [JsonPropertyName("@type")]
    [JsonPropertyOrder(-1)]
    public string Type => "type.googleapis.com/google.rpc.BadRequest";
}
