namespace PortfolioTracker.Dividends.Domain;

/// <summary>Identifies a synced dividend: one per position, ex-date and type.</summary>
public readonly record struct DividendKey(Guid PortfolioId, string Symbol, DateOnly ExDate, string DividendType);

/// <summary>A dividend a position is owed, as a pending row would hold it.</summary>
public sealed record OwedDividend(DividendKey Key, DividendEventInfo Event, decimal Shares)
{
    /// <summary>
    /// Gross total: amount × shares, not rounded (decimal keeps 28 significant digits, so any
    /// rounding is far inside the table's 0.01 tolerance); the ledger's DIVIDEND books the same
    /// product, so the two never disagree.
    /// </summary>
    public decimal Total => Event.Amount * Shares;
}

/// <summary>What the user's stored row holds for a key (synced rows and manual ones alike).</summary>
public sealed record StoredDividend(
    Guid Id, DividendKey Key, string Status, string Source, decimal? Shares, decimal Amount, string Currency,
    DateOnly? PayDate, DateOnly? RecordDate, DateOnly? DeclarationDate);
