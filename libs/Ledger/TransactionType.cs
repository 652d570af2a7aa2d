namespace PortfolioTracker.Portfolio.Domain;

/// <summary>Kinds of transaction, stored upper-case as their names.</summary>
public enum TransactionType
{
    Buy,
    Sell,
    Deposit,
    Withdrawal,
    Dividend,
    /// <summary>A stock split: quantity is the ratio (new shares per old share), price is 0.</summary>
    Split,
    /// <summary>A fee not tied to a trade (account fee): quantity × price is the amount.</summary>
    Fee,
    /// <summary>
    /// Cash interest received: quantity × price is the amount. Income and performance like a
    /// DIVIDEND, reported as its own figure; names its currency (the default) or an account.
    /// </summary>
    Interest,
    /// <summary>
    /// A tax paid outside a dividend row (withholding settled later, a capital-gains tax, a stamp
    /// duty): quantity × price is the amount. Counted exactly as a FEE: in <c>fees</c>, so it
    /// lowers <c>netPerformance</c> and the returns.
    /// </summary>
    Tax,
}
