using System.Text.Json.Serialization;

namespace PortfolioTracker.Portfolio.Domain.Alerts;

/// <summary>Which way a close must cross an alert's target. Stored and sent lower-case.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AlertCondition>))]
public enum AlertCondition
{
    /// <summary>Fires on a close at or above the target.</summary>
    Above,

    /// <summary>Fires on a close at or below the target.</summary>
    Below,
}
