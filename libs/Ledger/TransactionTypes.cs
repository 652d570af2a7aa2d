namespace PortfolioTracker.Portfolio.Domain;

public static class TransactionTypes
{
    public static string ToStorage(this TransactionType type) => type.ToString().ToUpperInvariant();

    public static bool TryParse(string? text, out TransactionType type)
    {
        type = default;
        return !string.IsNullOrWhiteSpace(text)
            && !int.TryParse(text, out _) // Enum.TryParse would accept "3"
            && Enum.TryParse(text.Trim(), ignoreCase: true, out type)
            && Enum.IsDefined(type);
    }

    /// <summary>Trades of a security: they need a symbol, a positive quantity and a positive price.</summary>
    public static bool IsTrade(this TransactionType type) =>
        type is TransactionType.Buy or TransactionType.Sell or TransactionType.Dividend;

    /// <summary>Cash moving in or out of the account; the symbol defaults to the currency.</summary>
    public static bool IsCashFlow(this TransactionType type) =>
        type is TransactionType.Deposit or TransactionType.Withdrawal or TransactionType.Fee
            or TransactionType.Interest or TransactionType.Tax;

    /// <summary>Types whose quantity and price must both be above 0: the trades, and interest (an amount received).</summary>
    public static bool NeedsPositiveAmount(this TransactionType type) => type.IsTrade() || type is TransactionType.Interest;

    /// <summary>Every type as stored, in declaration order ("BUY, SELL, …"), for messages.</summary>
    public static string AllStorageNames { get; } = string.Join(", ", Enum.GetValues<TransactionType>().Select(t => t.ToStorage()));
}
