namespace PortfolioTracker.Dividends.Data;

/// <summary>A row of <c>user_dividends</c> as the service reads it.</summary>
public sealed record DividendRow(
    Guid Id, string Symbol, DateOnly ExDate, DateOnly? PayDate, decimal Amount, string Currency,
    decimal? SharesHeldAtExDate, decimal? TotalAmount, string Status)
{
    public Guid? PortfolioId { get; init; }
    public DateOnly? RecordDate { get; init; }
    public DateOnly? DeclarationDate { get; init; }
    public decimal TaxWithheld { get; init; }
    public string DividendType { get; init; } = "cash";
    public string Source { get; init; } = "manual";
    public Guid? TransactionId { get; init; }
    public string? Notes { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime UpdatedAt { get; init; }
}
