namespace PortfolioTracker.Dividends.Domain;

/// <summary>One position's ledger history, as the Portfolio service answers it.</summary>
public sealed record PositionHistory(Guid PortfolioId, string Symbol, decimal Quantity, decimal? AveragePrice, string? Currency, IReadOnlyList<ShareChange> Changes);

/// <summary>Every dividend a user's positions are owed, per portfolio: the input of a sync plan.</summary>
public static class OwedDividends
{
    /// <summary>
    /// Each position against its symbol's events; only events with shares owed (greater than 0)
    /// and an ex-date on or before <paramref name="through"/> (declared future ex-dates are
    /// upcoming payments, not yet owed). Stock dividends (new shares, not cash) are left to the
    /// user's own SPLIT or BUY transactions: they are not income to confirm.
    /// </summary>
    public static List<OwedDividend> Compute(
        IEnumerable<PositionHistory> positions, IReadOnlyDictionary<string, IReadOnlyList<DividendEventInfo>> eventsBySymbol, DateOnly through)
    {
        var owed = new List<OwedDividend>();
        foreach (var position in positions)
        {
            if (position.Changes.Count == 0 || !eventsBySymbol.TryGetValue(position.Symbol, out var events) || events.Count == 0)
            {
                continue;
            }
            var due = events.Where(e => e.ExDate <= through && e.DividendType != "stock").ToList();
            var shares = Entitlement.SharesOwed(position.Changes, due.Select(e => e.ExDate).ToList());
            for (var i = 0; i < due.Count; i++)
            {
                if (shares[i] > 0)
                {
                    var e = due[i];
                    owed.Add(new OwedDividend(new DividendKey(position.PortfolioId, position.Symbol, e.ExDate, e.DividendType), e, shares[i]));
                }
            }
        }
        return owed;
    }
}
