namespace PortfolioTracker.Portfolio.Domain.Metrics;

/// <summary>A transaction the engine cannot apply (the service refuses such writes; stored data may still hold one).</summary>
public class LedgerException(Guid transactionId, string message) : MetricsException(message)
{
    public Guid TransactionId { get; } = transactionId;
}
