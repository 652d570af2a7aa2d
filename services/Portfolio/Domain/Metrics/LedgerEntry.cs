namespace PortfolioTracker.Portfolio.Domain.Metrics;

/// <summary>
/// One stored transaction as the metrics engine reads it. Amounts are in <see cref="Currency"/>.
/// For every type but SPLIT the cash amount is <see cref="Quantity"/> × <see cref="Price"/>
/// (DEPOSIT 1 × 5000 and DEPOSIT 5000 × 1 are the same deposit); for SPLIT the quantity is the
/// ratio new/old shares and the price is 0. <see cref="Commission"/> is always a fee.
/// </summary>
public sealed record LedgerEntry(
    Guid Id,
    TransactionType Type,
    string Symbol,
    DateOnly Date,
    decimal Quantity,
    decimal Price,
    decimal Commission,
    string Currency)
{
    /// <summary>Quantity × price, in the entry's currency (meaningless for SPLIT).</summary>
    public decimal Amount => Quantity * Price;

    /// <summary>Money moved into or out of the account (DEPOSIT, WITHDRAWAL): from the first, the book tracks cash.</summary>
    public bool IsExternalCashFlow => Type is TransactionType.Deposit or TransactionType.Withdrawal;

    /// <summary>The first external cash flow, given the one known before this entry (entries come in date order).</summary>
    internal static DateOnly? FirstExternalCashFlow(DateOnly? known, LedgerEntry entry) =>
        known ?? (entry.IsExternalCashFlow ? entry.Date : null);
}
