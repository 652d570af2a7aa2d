using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace PortfolioTracker.Portfolio.Domain.Alerts;

/// <summary>
/// An alert that just fired and whose it is, as it travels on <c>portfolio:alerts:fired</c> to
/// every Portfolio replica; each delivers it to that user's open WatchAlerts streams.
/// </summary>
public sealed record FiredAlert(Guid UserId, PriceAlert Alert)
{
    public string ToJson() => JsonSerializer.Serialize(this);

    public static bool TryParse(string? json, [NotNullWhen(true)] out FiredAlert? fired)
    {
        fired = null;
        if (string.IsNullOrWhiteSpace(json))
        {
            return false;
        }
        try
        {
            var parsed = JsonSerializer.Deserialize<FiredAlert>(json);
            if (parsed?.Alert is null || parsed.UserId == Guid.Empty)
            {
                return false;
            }
            fired = parsed;
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
