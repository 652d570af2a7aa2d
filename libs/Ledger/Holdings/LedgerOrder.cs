namespace PortfolioTracker.Portfolio.Domain.Holdings;

/// <summary>
/// The order in which one day's transactions apply (its SQL spelling: <c>Data.LedgerSql</c>): a split first (it affects shares held
/// before its date, so a buy on the split date is already in new shares), then buys, then
/// everything else, then sells, so a same-day buy-and-sell never looks like selling short.
/// Ties keep the order they were recorded in.
/// </summary>
public static class LedgerOrder
{
    public static int Rank(TransactionType type) => type switch
    {
        TransactionType.Split => 0,
        TransactionType.Buy => 1,
        TransactionType.Sell => 3,
        _ => 2,
    };
}
