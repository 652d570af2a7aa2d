namespace PortfolioTracker.Portfolio.Domain.Holdings;

/// <summary>
/// When a sale closes a position. Broker files round fractional quantities, so shares bought as
/// 0.3333333333333333 + 0.6666666666666666 are sold as 1: a sale that exceeds the holding by at
/// most <see cref="NumericBounds.SellDustTolerance"/> closes it exactly (quantity and cost basis
/// become 0) instead of being refused as an oversell. Both average-cost engines,
/// <see cref="PositionReplay"/> and <see cref="Metrics.Book"/>, decide with this one rule.
/// </summary>
public static class SaleRule
{
    /// <summary>Whether selling <paramref name="sold"/> of <paramref name="held"/> shares closes the position.</summary>
    public static bool Closes(decimal sold, decimal held) =>
        held > 0 && sold >= held && sold - held <= NumericBounds.SellDustTolerance;
}
