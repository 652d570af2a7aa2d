namespace PortfolioTracker.Portfolio.Application.Transactions;

/// <summary>An update whose merged fields are invalid (found only once the stored row is read).</summary>
public sealed class TransactionValidationException(IReadOnlyList<FieldViolation> errors) : Exception("Invalid transaction.")
{
    public IReadOnlyList<FieldViolation> Errors { get; } = errors;
}
