namespace PortfolioTracker.Dividends.Domain;

/// <summary>Where a dividend stands in the user's review: pending until confirmed, edited or rejected.</summary>
public static class DividendStatus
{
    public static readonly IReadOnlySet<string> All = new HashSet<string> { "pending", "confirmed", "edited", "rejected" };

    /// <summary>
    /// Parses "pending,confirmed" (any case, spaces allowed); empty means every status. An unknown
    /// status is reported as a violation of <paramref name="field"/>.
    /// </summary>
    public static IReadOnlyList<string> ParseList(string text, string field, List<FieldViolation> errors)
    {
        var statuses = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => s.ToLowerInvariant())
            .Distinct()
            .ToList();
        if (!statuses.All(All.Contains))
        {
            errors.Add(new(field, "must list statuses among pending, confirmed, edited, rejected."));
            return [];
        }
        return statuses;
    }
}
