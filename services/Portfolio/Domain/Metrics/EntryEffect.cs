namespace PortfolioTracker.Portfolio.Domain.Metrics;

/// <summary>
/// What one applied BUY, SELL, DIVIDEND, SPLIT, FEE or TAX did outside its position: the amount in
/// the base currency that went to cash and the day's flows, and whether it also went to the
/// account's fees (a SPLIT's commission when nothing was held, a FEE on no held or known security).
/// <see cref="Book.Apply"/> computes it once (FX included); <see cref="Book.Carry"/> repeats it.
/// </summary>
internal readonly record struct EntryEffect(decimal Amount, bool ToAccountFees);
