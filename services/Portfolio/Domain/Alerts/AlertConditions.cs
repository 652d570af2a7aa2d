using System.Diagnostics.CodeAnalysis;

namespace PortfolioTracker.Portfolio.Domain.Alerts;

public static class AlertConditions
{
    public static string ToStorage(this AlertCondition condition) => condition switch
    {
        AlertCondition.Above => "above",
        AlertCondition.Below => "below",
        _ => throw new ArgumentOutOfRangeException(nameof(condition), condition, null),
    };

    /// <summary>"above" or "below" in any case, surrounding blanks ignored.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out AlertCondition? condition)
    {
        condition = text?.Trim().ToLowerInvariant() switch
        {
            "above" => AlertCondition.Above,
            "below" => AlertCondition.Below,
            _ => null,
        };
        return condition is not null;
    }

    /// <summary>The stored form back; anything else means the database and this code disagree.</summary>
    public static AlertCondition FromStorage(string stored) =>
        TryParse(stored, out var condition)
            ? condition.Value
            : throw new InvalidOperationException($"Unknown stored alert condition '{stored}'.");
}
