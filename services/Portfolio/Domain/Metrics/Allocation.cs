namespace PortfolioTracker.Portfolio.Domain.Metrics;

/// <summary>
/// Allocation of the open positions' market value (cash excluded, as in the positions'
/// weights). Weight = slice value / total; the weights sum to 1 up to decimal rounding
/// (about 1e-27). Slices are ordered by value descending, then key; empty when nothing is held.
/// </summary>
public static class Allocation
{
    /// <summary>By the security's sector; "Unknown" when the market does not give one.</summary>
    public static IReadOnlyList<AllocationShare> BySector(SummaryFigures summary) =>
        By(summary, static p => p.Sector);

    /// <summary>By the currency the security is quoted in (not the base currency).</summary>
    public static IReadOnlyList<AllocationShare> ByCurrency(SummaryFigures summary) =>
        By(summary, static p => p.Currency);

    private static List<AllocationShare> By(SummaryFigures summary, Func<PositionFigures, string> key)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var values = new Dictionary<string, decimal>(StringComparer.Ordinal);
        var total = 0m;
        foreach (var position in summary.Positions)
        {
            if (position.MarketValue == 0) continue;
            var k = key(position);
            values[k] = values.GetValueOrDefault(k) + position.MarketValue;
            total += position.MarketValue;
        }
        return values
            .Select(v => new AllocationShare(v.Key, v.Value, total == 0 ? 0m : v.Value / total))
            .OrderByDescending(s => s.MarketValue)
            .ThenBy(s => s.Key, StringComparer.Ordinal)
            .ToList();
    }
}
