namespace PortfolioTracker.Dividends.Domain;

/// <summary>
/// Shares a dividend is owed on: those held at the close of the day before the ex-date. A buy
/// on the ex-date (or later) does not count, a sale on it (or later) does not take shares away,
/// and a split dated before the ex-date scales the shares held before it.
/// </summary>
public static class Entitlement
{
    /// <summary>
    /// A sale within this many shares of the holding closes it, as the ledger's own replay
    /// does (fractional shares rounded by broker files).
    /// </summary>
    public const decimal SellDustTolerance = 0.000000001m;

    /// <summary>
    /// Shares owed at each ex-date. <paramref name="changes"/> are one position's changes in
    /// ledger order (by date); the answer is in the order of <paramref name="exDates"/>. One pass
    /// over both: O(changes + ex-dates log ex-dates).
    /// </summary>
    public static decimal[] SharesOwed(IReadOnlyList<ShareChange> changes, IReadOnlyList<DateOnly> exDates)
    {
        var owed = new decimal[exDates.Count];
        var order = Enumerable.Range(0, exDates.Count).OrderBy(i => exDates[i]).ToArray();
        decimal shares = 0;
        var next = 0;
        foreach (var i in order)
        {
            // Everything dated before the ex-date is in the previous day's closing position.
            while (next < changes.Count && changes[next].Date < exDates[i])
            {
                shares = Apply(shares, changes[next++]);
            }
            owed[i] = shares;
        }
        return owed;
    }

    /// <summary>The shares after one change; never below zero.</summary>
    public static decimal Apply(decimal shares, ShareChange change) => change.Kind switch
    {
        ShareChangeKind.Buy => shares + change.Quantity,
        ShareChangeKind.Sell => shares - change.Quantity <= SellDustTolerance ? 0m : shares - change.Quantity,
        ShareChangeKind.Split => shares * change.Quantity,
        _ => shares,
    };
}
