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
        type is TransactionType.Deposit or TransactionType.Withdrawal or TransactionType.Fee;
}
