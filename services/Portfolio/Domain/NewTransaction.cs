namespace PortfolioTracker.Portfolio.Domain;

/// <summary>A transaction that passed validation and is ready to store.</summary>
public sealed record NewTransaction(
    Guid? PortfolioId,
    TransactionType Type,
    string Symbol,
    decimal Quantity,
    decimal Price,
    DateOnly Date,
    string Currency,
    decimal Commission,
    string? Notes,
    decimal? ExchangeRate);
