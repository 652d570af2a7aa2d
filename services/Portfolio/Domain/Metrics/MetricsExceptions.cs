namespace PortfolioTracker.Portfolio.Domain.Metrics;

/// <summary>The inputs cannot produce meaningful metrics; the message says why.</summary>
public class MetricsException(string message) : Exception(message);

/// <summary>A transaction the engine cannot apply (the service refuses such writes; stored data may still hold one).</summary>
public class LedgerException(Guid transactionId, string message) : MetricsException(message)
{
    public Guid TransactionId { get; } = transactionId;
}

/// <summary>A SELL of more shares than are held at that point of the ledger.</summary>
public sealed class OversoldPositionException(Guid transactionId, string symbol, decimal held, decimal sold)
    : LedgerException(transactionId, $"Transaction {transactionId} sells {sold} {symbol} but only {held} are held at that date.")
{
    public string Symbol { get; } = symbol;
    public decimal Held { get; } = held;
    public decimal Sold { get; } = sold;
}

/// <summary>No FX rate on or before the date; converting with a guess would give wrong money.</summary>
public sealed class MissingFxRateException(string from, string to, DateOnly date)
    : MetricsException($"No {from}/{to} exchange rate is known on or before {date:yyyy-MM-dd}.")
{
    public string From { get; } = from;
    public string To { get; } = to;
    public DateOnly Date { get; } = date;
}
