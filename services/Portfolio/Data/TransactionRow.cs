namespace PortfolioTracker.Portfolio.Data;

/// <summary>A row of <c>transactions</c> as the service reads it.</summary>
public sealed record TransactionRow(
    Guid Id,
    Guid PortfolioId,
    string TransactionType,
    string Symbol,
    decimal Quantity,
    decimal Price,
    DateOnly Date,
    string Currency,
    decimal Commission,
    string? Notes,
    decimal? ExchangeRate,
    DateTime CreatedAt,
    DateTime UpdatedAt);
