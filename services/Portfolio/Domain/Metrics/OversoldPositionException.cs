namespace PortfolioTracker.Portfolio.Domain.Metrics;

/// <summary>A SELL of more shares than are held at that point of the ledger.</summary>
public sealed class OversoldPositionException(Guid transactionId, string symbol, decimal held, decimal sold)
    : LedgerException(transactionId, $"Transaction {transactionId} sells {sold} {symbol} but only {held} are held at that date.")
{
    public string Symbol { get; } = symbol;
    public decimal Held { get; } = held;
    public decimal Sold { get; } = sold;
}
