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
}
