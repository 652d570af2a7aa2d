namespace PortfolioTracker.Dividends.Domain;

/// <summary>Where a dividend stands in the user's review: pending until confirmed, edited or rejected.</summary>
public static class DividendStatus
{
    public static readonly IReadOnlySet<string> All = new HashSet<string> { "pending", "confirmed", "edited", "rejected" };

    /// <summary>Parses "pending,confirmed" (any case, spaces allowed); null when a status is unknown.</summary>
    public static IReadOnlyList<string>? ParseList(string text)
    {
        var statuses = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => s.ToLowerInvariant())
            .Distinct()
            .ToList();
        return statuses.All(All.Contains) ? statuses : null;
    }
}
