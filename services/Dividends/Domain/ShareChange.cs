namespace PortfolioTracker.Dividends.Domain;

public enum ShareChangeKind
{
    Buy,
    Sell,
    /// <summary>Quantity is the ratio: new shares per old share, applied to the shares held before its date.</summary>
    Split,
}

/// <summary>One change of a position's share count, as the ledger records it.</summary>
public sealed record ShareChange(DateOnly Date, ShareChangeKind Kind, decimal Quantity)
{
    public static ShareChangeKind? ParseKind(string text) => text switch
    {
        "BUY" => ShareChangeKind.Buy,
        "SELL" => ShareChangeKind.Sell,
        "SPLIT" => ShareChangeKind.Split,
        _ => null,
    };
}
